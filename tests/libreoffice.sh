#!/usr/bin/env bash
# The workbook `kensho export` writes, opened by LibreOffice: each sheet converted back to
# CSV (headless) holds the same figures as the site publishes in its open data
# (data/kpis.csv, data/programs.csv): every KPI's baseline, own target (目標値, or
# 最終目標値 where the content calls it final, on both sides), each year's
# target, actual and grade, and every program year's budget, its parts, settlement,
# effort, status, direction and 事業区分 (a status or direction column headed as the site's
# program form heads it, 方向性, read as the open data's 今後の方向性); and the other way,
# every such figure the open data publishes is in the workbook (a file or column left out
# fails). Prints the counts
# compared; exits 1 on any difference.
#
#   KENSHO_BIN=target/debug/kensho tests/libreoffice.sh
#
# Installs Debian's libreoffice-calc-nogui (and python3) when missing, as .ci/run does
# for chromium. Needs LibreOffice 7.2 or later (one CSV per sheet).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${KENSHO_BIN:?set KENSHO_BIN to the kensho binary}"
KENSHO_BIN="$(realpath "$KENSHO_BIN")"

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# LibreOffice keeps its settings here, not in the user's home.
profile="file://$work/profile"

status=0
for site in kitakami:. hokuto:examples/hokuto; do
  name="${site%%:*}"
  root="${site#*:}"
  out="$work/$name"
  mkdir -p "$out/csv"
  "$KENSHO_BIN" --root "$root" --lang en build -o "$out/site" >/dev/null 2>&1 \
    || { echo "$name: build failed" >&2; exit 1; }
  "$KENSHO_BIN" --root "$root" --lang en export -o "$out/$name.xlsx" >/dev/null 2>&1
  # Field separator ",", text quoted with ", UTF-8, values not as shown (full precision),
  # every sheet (-1): one file per sheet, <name>-<sheet>.csv.
  soffice -env:UserInstallation="$profile" --headless --convert-to \
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$out/csv" "$out/$name.xlsx" >/dev/null 2>&1
  ls "$out/csv"/*.csv >/dev/null 2>&1 || { echo "$name: LibreOffice wrote no CSV" >&2; exit 1; }
  python3 - "$name" "$out/csv" "$out/site/data" "$root" <<'PY' || status=1
import csv, glob, os, re, sys

name, sheets, data, root = sys.argv[1:5]

def form_headings(root):
    """The workbook heads a program's status and direction as the site's program form
    does (方向性); the open data's 区分 is kensho's name (今後の方向性): the form's
    heading of each, mapped to that name. Read from the sections' inline tables by
    pattern: forms.toml may be TOML 1.1 (an inline table over lines), which Python's
    tomllib (TOML 1.0) refuses."""
    path = os.path.join(root, "content", "forms.toml")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        # Comments: whole lines, and after a space where no quote follows (a "#" heading stays).
        text = re.sub(r'(?m)(^|\s)#[^"\n]*$', "", f.read())
    builtin = {"status": "目標達成状況", "direction": "今後の方向性"}
    out = {}
    for section in re.findall(r"\{[^{}]*\}", text):
        item = re.search(r'\bitem\s*=\s*"([^"]*)"', section)
        heading = re.search(r'\bheading\s*=\s*"([^"]*)"', section)
        if item and heading and item.group(1) in builtin and heading.group(1):
            out[heading.group(1)] = builtin[item.group(1)]
    return out

aliases = form_headings(root)

def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{aliases.get(k, k): v for k, v in row.items()} for row in csv.DictReader(f)]

def number(text):
    """The figure a cell as written spells (kensho reads values the same way): commas,
    a ▲ minus, 約 and anything after the number (unit, span, 以上) set aside."""
    t = text.strip().replace("，", ",").replace("．", ".")
    t = t.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    t = t.removeprefix("約")
    m = re.match(r"^([▲\-−]?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)", t)
    if not m:
        return None
    n = float(m.group(2).replace(",", ""))
    return -n if m.group(1) else n

def same(cell, figure):
    n = number(cell)
    try:
        return n is not None and abs(n - float(figure)) < 1e-9
    except ValueError:
        return False

published_kpis = rows(os.path.join(data, "kpis.csv"))
published_programs = rows(os.path.join(data, "programs.csv"))
compared, differ = 0, []

def check(where, ok, said):
    global compared
    compared += 1
    if not ok:
        differ.append(f"{where}: the workbook says {said}")

for path in sorted(glob.glob(os.path.join(sheets, "*.csv"))):
    sheet = os.path.basename(path)
    for r, row in enumerate(rows(path), start=2):
        if row.get("番号"):  # a KPI sheet
            kpi = [k for k in published_kpis
                   if k["項目名"] == row["項目名"] and k["指標名"] == row["指標名"]]
            for head, cell in row.items():
                if not cell or head in ("ファイル", "番号", "項目コード", "項目名", "指標名", "単位"):
                    continue
                at = f"{sheet} row {r} {head}"
                if head in ("基準値", "最終目標値", "目標値"):
                    # The KPI's own `target` is named as the open data names it: 最終目標値
                    # only with target_final, else 目標値 (with its year, if any).
                    found = [k for k in kpi if k["区分"] == head]
                else:
                    year, measure = head.rsplit(" ", 1)
                    found = [k for k in kpi if k["区分"] == measure and k["年度(和暦)"] == year]
                if head.endswith("評価"):
                    check(at, any(k["評価・状態"] == cell for k in found), repr(cell))
                elif number(cell) is not None and not cell.lstrip().startswith("{"):
                    check(at, any(same(cell, k["数値"]) for k in found), repr(cell))
        elif row.get("年度(和暦)"):  # a programs sheet
            pid = row["ファイル"].removesuffix(".md")
            year = row["年度(和暦)"]
            mine = [p for p in published_programs if p["事業ID"] == pid and p["年度(和暦)"] == year]
            for head, cell in row.items():
                if not cell:
                    continue
                at = f"{sheet} row {r} {head}"
                measure, _, part = head.partition("：")
                part = re.sub(r"（注記）$", "", part)
                found = [p for p in mine if p["区分"] == measure and p["内訳名"] == part]
                if head.endswith("（注記）"):
                    check(at, any(p["注記"] == cell for p in found), repr(cell))
                elif measure in ("目標達成状況", "今後の方向性", "事業区分"):
                    check(at, any(p["状況・方向性"] == cell for p in found), repr(cell))
                elif measure in ("予算額", "予算額の内訳", "決算額", "財源内訳", "従事人工",
                                 "従事人工（計画）", "人件費", "人件費（計画）", "総事業費"):
                    if cell.strip() in ("-", "－", "—"):
                        check(at, any(p["金額の表記"] == "-" and p["数値"] == "" for p in found), repr(cell))
                    else:
                        check(at, any(same(cell, p["数値"]) for p in found), repr(cell))

# And the other way: every figure the open data publishes from the files (not derived,
# such as 達成率 or 活動指標) is in the workbook, so a file or column left out fails.
book_kpis, book_programs = [], []
for path in sorted(glob.glob(os.path.join(sheets, "*.csv"))):
    for row in rows(path):
        if row.get("番号"):
            book_kpis.append(row)
        elif row.get("年度(和暦)"):
            book_programs.append(row)
found_back, missing = 0, []

def back(where, ok):
    global found_back
    found_back += 1
    if not ok:
        missing.append(f"{where}: published, not in the workbook")

def holds(cell, figure, word):
    if word:
        return cell == word
    if figure:
        return same(cell, figure)
    return False

for k in published_kpis:
    kind, year = k["区分"], k["年度(和暦)"]
    if kind not in ("基準値", "最終目標値", "目標値", "実績値", "評価"):
        continue
    if not (k["数値"] or k["評価・状態"]):
        continue
    head = kind if kind in ("基準値", "最終目標値") else f"{year} {kind}"
    # A 目標値 is a year's target, or the KPI's own `target` (the workbook's 目標値, as
    # its 最終目標値 is the open data's 最終目標値: one name on both sides).
    heads = [head, "目標値"] if kind == "目標値" else [head]
    mine = [r for r in book_kpis if r["項目名"] == k["項目名"] and r["指標名"] == k["指標名"]]
    back(f"kpis.csv {k['指標ID']} {head}",
         any(holds(r.get(h) or "", k["数値"], k["評価・状態"]) for r in mine for h in heads))

measures = ("予算額", "予算額の内訳", "決算額", "財源内訳", "従事人工", "従事人工（計画）",
            "人件費", "人件費（計画）", "総事業費", "目標達成状況", "今後の方向性", "事業区分")
for p in published_programs:
    if p["区分"] not in measures:
        continue
    head = f"{p['区分']}：{p['内訳名']}" if p["内訳名"] else p["区分"]
    mine = [r for r in book_programs
            if r["ファイル"] == p["事業ID"] + ".md" and r["年度(和暦)"] == p["年度(和暦)"]]
    dash = p["金額の表記"] == "-" and not p["数値"]
    back(f"programs.csv {p['事業ID']} {p['年度(和暦)']} {head}",
         any((r.get(head) or "").strip() in ("-", "－", "—") if dash
             else holds(r.get(head) or "", p["数値"], p["状況・方向性"]) for r in mine))

print(f"{name}: {compared} figures compared, {len(differ)} differ; "
      f"{found_back} published figures looked for, {len(missing)} missing")
for d in differ + missing:
    print(f"  {d}", file=sys.stderr)
sys.exit(1 if differ or missing or compared == 0 or found_back == 0 else 0)
PY
done
exit $status
