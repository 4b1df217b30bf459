//! The command line in the site's language: `--help` and clap's own errors in Japanese
//! unless the language is `en` (src/main.rs keeps clap's derive, whose English doc
//! comments stay the English source; [`help_ja`] holds the Japanese).

pub mod help_ja;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::diag::Lang;

/// The language for the command line, before clap parses: `--lang` and `--root` (`-r`)
/// found in `args` (the program name first), then site.toml ([`crate::commands::lang`]).
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let (lang, root) = prescan(args);
    crate::commands::lang::resolve(lang, &root)
}

/// `--lang X`/`--lang=X` and `--root DIR`/`--root=DIR`/`-r DIR`/`-rDIR`, the
/// last of each winning; nothing after `--`. A wrong `--lang` is passed over (clap then
/// reports it).
fn prescan(args: &[OsString]) -> (Option<Lang>, PathBuf) {
    let (mut lang, mut root) = (None, PathBuf::from("."));
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(a) = arg.to_str() else { continue };
        if a == "--" {
            break;
        } else if a == "--lang" {
            lang = rest
                .next()
                .and_then(|v| v.to_str())
                .and_then(Lang::parse)
                .or(lang);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            lang = Lang::parse(v).or(lang);
        } else if a == "--root" || a == "-r" {
            root = rest.next().map_or(root, PathBuf::from);
        } else if let Some(v) = a.strip_prefix("--root=") {
            root = PathBuf::from(v);
        } else if let Some(v) = a.strip_prefix("-r").filter(|v| !v.is_empty()) {
            root = PathBuf::from(v.strip_prefix('=').unwrap_or(v));
        }
    }
    (lang, root)
}

/// `cmd` (clap's English) with its help in Japanese for `ja` and `both`; both ends each
/// help with a line saying how to get the English one.
pub fn localise(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    let mut cmd = translate(cmd, "", lang).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(help_ja::VERSION_FLAG)
            .display_order(usize::MAX)
            .help_heading(help_ja::OPTIONS),
    );
    // Built now so that clap's own `help` command and each usage line exist to translate.
    cmd.build();
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().into()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut s| {
            if let Some(about) = help_ja::help(&name) {
                s = s.about(about);
            }
            let usage = usage(&mut s);
            s.override_usage(usage)
        });
    }
    let usage = usage(&mut cmd);
    cmd.override_usage(usage)
}

/// A command's usage line without its heading, clap's placeholders in Japanese.
fn usage(cmd: &mut Command) -> String {
    let text = cmd.render_usage().to_string();
    let text = text.strip_prefix("Usage: ").unwrap_or(&text);
    text.replace("[OPTIONS]", &format!("[{}]", help_ja::OPTIONS))
}

/// One command and its subcommands' texts, headings and template in Japanese.
fn translate(mut cmd: Command, path: &str, lang: Lang) -> Command {
    let key = if path.is_empty() { "kensho" } else { path };
    if let Some(about) = help_ja::help(key) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| translate_arg(a, path));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().into()).collect();
    for name in subs {
        let sub_path = format!("{path} {name}").trim().to_string();
        cmd = cmd.mut_subcommand(&name, |s| translate(s, &sub_path, lang));
    }
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help_ja::HELP_FLAG)
                .display_order(usize::MAX)
                .help_heading(help_ja::OPTIONS),
        )
        .subcommand_help_heading(help_ja::COMMANDS)
        .subcommand_value_name(help_ja::value_name("COMMAND").unwrap_or("COMMAND"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            help_ja::USAGE
        ));
    if lang == Lang::Both {
        cmd = cmd.after_help(help_ja::ENGLISH_HELP);
    }
    cmd
}

/// The key an argument's Japanese help is found under: `build --output`, `new <dir>`.
pub fn arg_key(path: &str, arg: &Arg) -> String {
    let id = arg.get_id().as_str();
    let name = if arg.is_positional() {
        format!("<{id}>")
    } else {
        format!("--{}", arg.get_long().unwrap_or(id))
    };
    format!("{path} {name}").trim().to_string()
}

/// An argument's help in Japanese, with its default and choices (clap's `[default: ]`
/// and `[possible values: ]` are English) and under a Japanese heading.
fn translate_arg(arg: Arg, path: &str) -> Arg {
    let mut text = help_ja::help(&arg_key(path, &arg))
        .map(String::from)
        .or_else(|| arg.get_help().map(|h| h.to_string()))
        .unwrap_or_default();
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !defaults.is_empty() && !text.contains(help_ja::DEFAULT) {
        text += &format!("（{}: {}）", help_ja::DEFAULT, defaults.join(", "));
    }
    if takes_values && !choices.is_empty() {
        text += &format!("（{}: {}）", help_ja::CHOICES, choices.join(", "));
    }
    let heading = if arg.is_positional() {
        help_ja::ARGUMENTS
    } else {
        help_ja::OPTIONS
    };
    // Without value names clap shows the id in capitals (`<DIR>`).
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None if takes_values => vec![arg.get_id().as_str().to_uppercase()],
        None => vec![],
    };
    let ja: Option<Vec<&'static str>> = names.iter().map(|n| help_ja::value_name(n)).collect();
    let mut arg = arg.help(text).long_help(None).help_heading(heading);
    if takes_values {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    if let Some(ja) = ja.filter(|j| !j.is_empty()) {
        arg = arg.value_names(ja);
    }
    arg
}

/// Commands and arguments of `cmd` with no Japanese help ([`help_ja::HELP`]).
pub fn untranslated(cmd: &Command) -> Vec<String> {
    let mut missing = Vec::new();
    walk(cmd, "", &mut missing);
    missing
}

fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
    let key = if path.is_empty() { "kensho" } else { path };
    if help_ja::help(key).is_none() {
        missing.push(key.to_string());
    }
    for arg in cmd.get_arguments() {
        let key = arg_key(path, arg);
        if !matches!(arg.get_id().as_str(), "help" | "version") && help_ja::help(&key).is_none() {
            missing.push(key);
        }
    }
    for sub in cmd.get_subcommands() {
        walk(sub, format!("{path} {}", sub.get_name()).trim(), missing);
    }
}

/// clap's error in the site's language: its common kinds in Japanese (then clap's English
/// for both), the rest as clap words them; help and version as they are.
pub fn error_text(err: &clap::Error, lang: Lang) -> String {
    let english = err.render().to_string();
    if lang == Lang::En {
        return english;
    }
    let Some(ja) = japanese_error(err) else {
        return english;
    };
    match lang {
        Lang::Both => format!("{ja}\n\n{english}"),
        _ => ja,
    }
}

fn japanese_error(err: &clap::Error) -> Option<String> {
    let get = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let mut text = match err.kind() {
        ErrorKind::UnknownArgument => format!("エラー: 「{arg}」という引数はありません"),
        ErrorKind::InvalidSubcommand => format!(
            "エラー: 「{}」というコマンドはありません",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("エラー: 必要な引数がありません: {arg}"),
        ErrorKind::InvalidValue => {
            let value = get(ContextKind::InvalidValue);
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("エラー: {arg} に値がありません")
            } else if valid.is_empty() {
                format!("エラー: {arg} の値「{value}」は使えません")
            } else {
                format!(
                    "エラー: {arg} の値「{value}」は使えません（{}: {valid}）",
                    help_ja::CHOICES
                )
            }
        }
        ErrorKind::ValueValidation => format!(
            "エラー: {arg} の値「{}」は使えません",
            get(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict if get(ContextKind::PriorArg) == arg => {
            format!("エラー: {arg} は 1 回だけ指定できます")
        }
        ErrorKind::ArgumentConflict => format!(
            "エラー: {arg} は {} と一緒に使えません",
            get(ContextKind::PriorArg)
        ),
        ErrorKind::MissingSubcommand => format!(
            "エラー: コマンドを指定してください（{}）",
            get(ContextKind::ValidSubcommand)
        ),
        ErrorKind::NoEquals => format!("エラー: {arg} の値は「=」で続けて書いてください"),
        ErrorKind::TooManyValues => format!(
            "エラー: {arg} に値が多すぎます（「{}」）",
            get(ContextKind::InvalidValue)
        ),
        _ => return None,
    };
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        text += &format!("\n\n  ヒント: 「{s}」のことですか？");
    }
    let usage = get(ContextKind::Usage);
    if let Some(usage) = usage.strip_prefix("Usage: ") {
        text += &format!("\n\n{}: {usage}", help_ja::USAGE);
    }
    text += "\n\n詳しくは「--help」で表示します。";
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn prescan_finds_lang_and_root_in_every_spelling() {
        let p = |a: &[&str]| prescan(&args(a));
        assert_eq!(p(&["k", "--lang", "ja"]), (Some(Lang::Ja), ".".into()));
        assert_eq!(
            p(&["k", "build", "--lang=en"]),
            (Some(Lang::En), ".".into())
        );
        assert_eq!(p(&["k", "-r", "x", "build"]), (None, "x".into()));
        assert_eq!(p(&["k", "-ry"]), (None, "y".into()));
        assert_eq!(p(&["k", "--root=z", "--lang", "xx"]), (None, "z".into()));
        assert_eq!(p(&["k", "--", "--lang", "ja"]), (None, ".".into()));
    }

    #[test]
    fn a_flag_without_japanese_is_found() {
        let cmd = Command::new("kensho")
            .arg(Arg::new("root").long("root"))
            .subcommand(
                Command::new("build")
                    .arg(Arg::new("output").long("output"))
                    .arg(Arg::new("shout").long("shout"))
                    .arg(Arg::new("x").long("x-ray")),
            );
        assert_eq!(untranslated(&cmd), ["build --shout", "build --x-ray"]);
    }
}
