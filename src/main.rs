//! The `kensho` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kensho::diag::Lang;

/// mimalloc: rendering makes many small strings on several threads, and mimalloc spends
/// far less time on them than the system's allocator (docs/decisions.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kensho: a static site generator for the reviews of the plans Japanese cities publish
/// (総合戦略, 総合計画, 実施計画: KPIs, grades, budgets, programs).
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The site folder (holds content/ and optionally themes/)
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// Language of messages: both, ja or en (default: site.toml's `messages`)
    #[arg(long, global = true, value_parser = lang_parser())]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds)
    Build {
        /// Where to write the site (default: <root>/output)
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Publish drafts (draft = true), marked 下書き as in the preview
        #[arg(long)]
        drafts: bool,
        /// Use URL instead of site.toml's base_url for this build (an https:// URL or a
        /// path starting with /)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Create a new site in DIR (which must be empty or not exist yet). Values not given
    /// are asked for at a terminal (Enter takes the default in brackets)
    New {
        /// The folder to create
        dir: PathBuf,
        #[command(flatten)]
        options: kensho::commands::new::Options,
    },
    /// Preview the site on this computer: rebuild on every save and reload the browser
    /// tab; errors show over the page. Drafts are left out unless --drafts is given.
    Serve {
        /// Port to listen on (0: any free port)
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// Address to listen on. The default, 127.0.0.1, is reachable only from this
        /// computer; another address (0.0.0.0) shows the preview to the whole network
        #[arg(long, value_name = "ADDRESS")]
        bind: Option<std::net::IpAddr>,
        /// Show drafts (draft = true) too, marked 下書き
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the system's browser once the site is first built
        #[arg(long)]
        open: bool,
        /// Look for saved files every half second instead of waiting for the system to
        /// tell (a site on a shared network drive, or under Wine)
        #[arg(long)]
        poll: bool,
    },
    /// Write the built-in theme's files (templates, CSS) into the site's theme folder, to
    /// change one: every file, or those named; a file already there is left as it is
    Theme {
        /// The files to write (program.html, style.css …); none: every file
        files: Vec<String>,
    },
    /// Move the site to a new report year: site.toml's report_year rewritten in its own
    /// spelling, nothing else; the site is checked with the new year first, and a year that
    /// would give it a new error writes nothing
    Year {
        /// The new report year (R07, 令和7年度 or 2025)
        year: String,
    },
    /// Open the guides to writing a site (in Japanese and English) in the system's browser,
    /// from a folder: no network needed
    Docs {
        /// Write the guides' pages into DIR (missing or empty) instead of opening them
        #[arg(long, short = 'o', value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Check the content and templates without writing anything; exit 1 on errors
    Check {
        /// Output format: text (for people) or json (one object per problem, on stdout)
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
        /// List every word and phrase of kensho's own the built site shows (label key,
        /// text, how many files show it), to review, rename or switch off in [labels]
        #[arg(long)]
        words: bool,
    },
    /// Write an Excel workbook (.xlsx) to fill in: per plan a sheet of KPIs (each year's
    /// target, actual and grade across, the next year empty) and one of programs (a row
    /// per program and year: budget, its parts, settlement, status, direction, texts)
    Export {
        /// The workbook to write (default: <root>/kensho.xlsx)
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Overwrite the workbook when it exists (without it, export refuses)
        #[arg(long)]
        force: bool,
    },
    /// Read a workbook written by `export`, or one of its sheets saved as CSV (UTF-8 or
    /// Shift_JIS), and list the values that differ from the content; with --write, write
    /// them into the content files (comments kept)
    Import {
        /// The workbook (.xlsx) or CSV file
        file: PathBuf,
        /// Write the changes (without it nothing is written)
        #[arg(long)]
        write: bool,
        /// For a CSV: the sheet whose columns it holds (default: told by its heading row)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
}

/// both, ja or en (clap lists them when another is given).
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["both", "ja", "en"])
        .map(|s| Lang::parse(&s).unwrap_or_default())
}

/// The command line parsed with its help and errors in the site's language (which is
/// found before clap parses: `--help` needs it), or the process's exit after them.
fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = kensho::cli::lang_of_args(&args);
    let parsed = kensho::cli::localise(Cli::command(), lang)
        .try_get_matches_from(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    parsed.map_err(|e| {
        let text = kensho::cli::error_text(&e, lang);
        if e.use_stderr() {
            eprintln!("{}", text.trim_end());
        } else {
            println!("{}", text.trim_end());
        }
        ExitCode::from(e.exit_code() as u8)
    })
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let code = match cli.command {
        Command::Build {
            output,
            drafts,
            base_url,
        } => {
            let output = output.unwrap_or_else(|| cli.root.join("output"));
            let publish = kensho::commands::pipeline::Publish {
                drafts: kensho::model::Drafts::shown_if(drafts),
                base_url,
                ..kensho::commands::pipeline::Publish::default()
            };
            kensho::commands::build::build(&cli.root, &output, cli.lang, &publish)
        }
        Command::Serve {
            port,
            bind,
            drafts,
            open,
            poll,
        } => kensho::commands::serve::serve(
            &cli.root,
            kensho::commands::serve::Options {
                port,
                bind,
                drafts: kensho::model::Drafts::shown_if(drafts),
                lang: cli.lang,
                open,
                poll,
            },
        ),
        Command::New { dir, mut options } => {
            options.lang = cli.lang;
            kensho::commands::new::new_site(&dir, &options)
        }
        Command::Theme { files } => kensho::commands::theme::theme(&cli.root, cli.lang, &files),
        Command::Docs { output } => {
            kensho::commands::docs::docs(&cli.root, cli.lang, output.as_deref())
        }
        Command::Year { year } => kensho::commands::year::year(&cli.root, cli.lang, &year),
        Command::Check { words: true, .. } => kensho::commands::check::words(&cli.root, cli.lang),
        Command::Check { format, .. } => {
            let format = if format == "json" {
                kensho::commands::check::Format::Json
            } else {
                kensho::commands::check::Format::Text
            };
            kensho::commands::check::check(&cli.root, cli.lang, format)
        }
        Command::Export { output, force } => {
            let output = output.unwrap_or_else(|| cli.root.join("kensho.xlsx"));
            kensho::commands::sheet::export::export(&cli.root, &output, force, cli.lang)
        }
        Command::Import { file, write, sheet } => {
            let options = kensho::commands::sheet::import::Options {
                write,
                sheet,
                lang: cli.lang,
            };
            kensho::commands::sheet::import::import(&cli.root, &file, &options)
        }
    };
    ExitCode::from(code as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Japanese help line (src/cli/help_ja.rs): a
    /// flag added without one would show English in the Japanese help.
    #[test]
    fn every_command_and_argument_has_japanese_help() {
        let missing = kensho::cli::untranslated(&Cli::command());
        assert!(
            missing.is_empty(),
            "add these to src/cli/help_ja.rs HELP: {missing:?}"
        );
    }

    #[test]
    fn the_japanese_command_line_is_consistent() {
        for lang in [Lang::Ja, Lang::Both, Lang::En] {
            kensho::cli::localise(Cli::command(), lang).debug_assert();
        }
    }
}
