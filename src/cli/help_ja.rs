//! The command line's Japanese help: one line per command and argument, keyed as the
//! command path then the argument (`"build --output"`, `"new <dir>"`; `"kensho"` is the
//! program itself). The English is the doc comments in src/main.rs. A flag added there
//! needs its line here: a test in src/main.rs fails until it has one.

/// (key, Japanese help), one line each (rustfmt would fold the long ones).
#[rustfmt::skip]
pub const HELP: &[(&str, &str)] = &[
    ("kensho", "kensho: 市町村の計画（総合戦略・総合計画・実施計画など）の検証・評価の結果を公開する静的サイトジェネレーター"),
    ("--root", "サイトのフォルダ（content/ と、あれば themes/ を含む）"),
    ("--lang", "メッセージの言語。both は日本語と英語の両方（既定: site.toml の messages）"),
    ("help", "このヘルプ、または指定したコマンドのヘルプを表示"),
    ("build", "サイトを出力フォルダに書き出す（ビルドが成功したときだけ置き換える）"),
    ("build --output", "書き出し先（既定: <root>/output）"),
    ("build --drafts", "下書き（draft = true）も公開する。プレビューと同じく「下書き」の印が付く"),
    ("build --base-url", "このビルドだけ site.toml の base_url の代わりに URL を使う（https:// の URL か / で始まる場所）"),
    ("new", "新しいサイトをフォルダに作る（空のフォルダか、まだないフォルダ）。指定しなかった値は端末で尋ねる（Enter で［］内の既定値）"),
    ("new <dir>", "作るフォルダ"),
    ("new --city", "自治体名（既定: 〇〇市）"),
    ("new --plan-dir", "計画のフォルダ名（content/ の下）: 半角英数字と - _（既定: senryaku）"),
    ("new --levels", "計画の階層名を上位から 2～4 個、カンマ区切りで。最初は計画そのもの（最上位のページ）です（既定: \"総合戦略,基本目標,施策\"。施策の下に取組項目なら \"総合計画,施策,取組項目\"）"),
    ("new --title", "サイトの題名（既定: 自治体名と最上位の階層名に「検証」）"),
    ("new --base-url", "公開先の URL（既定: https://www.city.example.lg.jp/kensho/）。計画のページは <URL><計画のフォルダ>/ に置かれる"),
    ("new --report-year", "今回の検証の年度（R07、令和7年度、2025 など。既定: 今日の年度。4月1日から）。ひな形の年度はこの年度を中心に書く"),
    ("new --programs", "事務事業のシートだけのサイトを作る（計画・階層・評価の尺度なし。--plan-dir と --levels は使えない）"),
    ("new --yes", "指定しなかった値は尋ねずに既定値を使う"),
    ("serve", "このパソコンでサイトをプレビューする: 保存のたびに作り直してブラウザのタブを更新し、エラーはページの上に表示する。下書きは --drafts を付けたときだけ表示する"),
    ("serve --port", "待ち受けるポート番号（0: 空いている番号）"),
    ("serve --bind", "待ち受けるアドレス。既定の 127.0.0.1 はこのパソコンからだけ見られる。ほかのアドレス（0.0.0.0）ではネットワーク全体に見える"),
    ("serve --drafts", "下書き（draft = true）も「下書き」の印を付けて表示する"),
    ("serve --poll", "保存を OS の通知を待たずに、0.5 秒ごとにファイルを見て見つける（共有フォルダ（ネットワークドライブ）のサイトや Wine で）"),
    ("serve --open", "最初のビルドができたら、プレビューをいつものブラウザで開く"),
    ("theme", "組み込みのテーマのファイル（テンプレート・CSS）を、サイトのテーマのフォルダ（themes/<site.toml の theme>/）に書き出す。一部を変えるため。すべて、または指定したものだけ。もうあるファイルはそのまま"),
    ("theme <files>", "書き出すファイル（program.html、style.css など）。指定しなければすべて"),
    ("year", "サイトを新しい検証の年度に移す: site.toml の report_year だけを同じ書き方で書き換える（ほかは変えない）。先に新しい年度でサイトを検査し、新しいエラーが出るなら何も書かない"),
    ("year <year>", "新しい検証の年度（R07、令和7年度、2025 など）"),
    ("docs", "書き方の説明（日本語と英語）を、いつものブラウザで開く。ネットワークは要らない"),
    ("docs --output", "開く代わりに、説明のページを DIR（まだないか空のフォルダ）に書き出す"),
    ("check", "内容とテンプレートを検査する（何も書き出さない）。エラーがあれば終了コード 1"),
    ("check --words", "サイトに表示される kensho 自身の言葉（ラベルのキー、表示する文、表示するファイルの数）を一覧にする。[labels] で言い換えたり、空にして消したりするための確認用"),
    ("check --format", "出力形式: text（人が読む）または json（問題ごとに 1 行のオブジェクトを標準出力へ）"),
    ("export", "記入用の Excel ブック（.xlsx）を書き出す: 計画ごとに指標のシート（年度ごとの目標値・実績値・評価を横に並べ、次の年度は空欄）と事業のシート（事業・年度ごとに予算額・内訳・決算額・状況・方向性・本文）"),
    ("export --output", "書き出すブック（既定: <root>/kensho.xlsx）"),
    ("export --force", "ブックがもうあっても上書きする（付けなければ書き出さない）"),
    ("import", "export で書き出したブック、またはそのシートを保存した CSV（UTF-8 または Shift_JIS）を読み、内容と違う値を一覧にする。--write を付けると内容のファイルに書き込む（コメントは残す）"),
    ("import <file>", "読み込むブック（.xlsx）または CSV ファイル"),
    ("import --sheet", "CSV のとき: どのシートの列か（既定: 見出しの行から判断）"),
    ("import --write", "変更を書き込む（付けなければ何も書き込まない）"),
];

/// Placeholders in the usage and after flags (`<DIR>`), by their English name; a name
/// not listed stays as it is.
pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("ROOT", "フォルダ"),
    ("DIR", "フォルダ"),
    ("OUTPUT", "出力先"),
    ("FILE", "ファイル"),
    ("PORT", "番号"),
    ("ADDRESS", "アドレス"),
    ("LANG", "言語"),
    ("FORMAT", "形式"),
    ("URL", "URL"),
    ("NAME", "名前"),
    ("CITY", "自治体名"),
    ("LEVELS", "階層名"),
    ("TITLE", "題名"),
    ("COMMAND", "コマンド"),
];

/// The words clap prints itself.
pub const USAGE: &str = "使い方";
pub const COMMANDS: &str = "コマンド";
pub const OPTIONS: &str = "オプション";
pub const ARGUMENTS: &str = "引数";
pub const HELP_FLAG: &str = "ヘルプを表示";
pub const VERSION_FLAG: &str = "バージョンを表示";
pub const DEFAULT: &str = "既定";
pub const CHOICES: &str = "選べる値";
pub const ENGLISH_HELP: &str = "英語のヘルプ: --lang en / English help: --lang en";

/// The Japanese help for `key`.
pub fn help(key: &str) -> Option<&'static str> {
    HELP.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The Japanese placeholder for an English value name.
pub fn value_name(en: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(k, _)| *k == en).map(|(_, v)| *v)
}
