#!/usr/bin/env python3
"""Checker for /work/data/gold_new/test.jsonl (held-out TEST gold set).

Checks, per item:
  * exact key set / types, unique ids, kind & lang vocab, history shape;
  * found items: every doc_any substring names exactly one allowed report file;
    every evidence_any string is 10-40 chars and occurs verbatim in one of the doc_any files;
    every evidence string is unique to the doc_any reports within the whole store;
    every doc_any file is covered by at least one evidence string;
    every inner list of answer_all has >=1 alternative that occurs (whole-figure match,
    after NFKC + whitespace normalisation) inside an evidence string AND in the file;
    every non-English alternative occurs (normalised) in a doc_any file; the numbers of
    every alternative occur in a doc_any file;
    descriptive key phrases are 4-12 chars (at least the first alternative);
  * negatives: empty lists, plus a grep-based "no stored report answers it" check.
Prints a summary and exits non-zero on any failure.
"""
import json, re, sys, glob, os, unicodedata, collections

BASE = "/work/shared/corpus"
GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "test.jsonl")
REGIONS = ["天津", "上海", "浙江", "江苏", "湖南", "河南", "广东", "四川"]
ALLOWED = [f for f in glob.glob(BASE + "/provincial-2025/txt/*") + glob.glob(BASE + "/provincial-2026/txt/*")
           if any(r in os.path.basename(f) for r in REGIONS)]
ALLOWED.append(BASE + "/national/txt/2019_2019年中华人民共和国国务院政府工作报告.txt")
# everything the system's store holds (for negative checks)
STORE = glob.glob(BASE + "/provincial-2025/txt/*") + glob.glob(BASE + "/provincial-2026/txt/*") + \
    [f for f in glob.glob(BASE + "/national/txt/*") if os.path.basename(f)[:4] in {"2019", "2021", "2022", "2023", "2024", "2025"}] + \
    glob.glob(BASE + "/seed/*")
TXT = {f: open(f, encoding="utf-8", errors="replace").read() for f in set(ALLOWED + STORE)}
KEYS = ["id", "question", "answer_all", "evidence_any", "doc_any", "found", "history", "kind", "lang"]
KINDS = {"figure", "multi", "descriptive", "aggregate", "comparison", "metadata", "followup", "negative"}

def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))

def fig_in(alt, text):
    """whole-figure containment: '6%' must not match inside '16%', '6.6%', '-6%'."""
    a, t = norm(alt), norm(text)
    for m in re.finditer(re.escape(a), t):
        i, j = m.start(), m.end()
        if a[0].isdigit() and i > 0 and (t[i-1].isdigit() or t[i-1] in ".-+"):
            continue
        if a[-1].isdigit() and j < len(t) and (t[j].isdigit() or t[j] == "."):
            continue
        if a[-1] == "%" and False:
            pass
        return True
    return False

def files_for(sub):
    return [f for f in ALLOWED if sub in os.path.basename(f)]

def sentences(text):
    return [s for s in re.split(r"[。\n]", text) if s.strip()]

def store_files(*subs):
    return [f for f in STORE if all(s in os.path.basename(f) for s in subs)]

def none_match(files, pattern):
    return [(os.path.basename(f), m.group(0)) for f in files for m in re.finditer(pattern, TXT[f])]

# negative checks: question -> function returning list of problems (empty == ok)
def neg_checks(q):
    P = []
    names = [os.path.basename(f) for f in STORE]
    prov_years = {n[:4] for n in names if "政府工作报告" in n and "中华人民共和国" not in n}
    nat_years = {n[:4] for n in names if "中华人民共和国" in n}
    if "天津市2020年" in q:
        if "2020" in prov_years: P.append("a 2020 provincial report is stored")
        P += none_match(store_files("天津"), r"2020年[^。]{0,40}(预期目标|增长目标|目标是)")
    elif "2018年国务院" in q:
        if "2018" in nat_years: P.append("2018 national report stored")
        t = TXT[BASE + "/national/txt/2019_2019年中华人民共和国国务院政府工作报告.txt"]
        for s in sentences(t):
            if "城镇新增就业" in s and ("去年" in s and "目标" in s): P.append(s[:60])
    elif "越南" in q:
        for f in STORE:
            for s in sentences(TXT[f]):
                if "越南" in s and re.search(r"(经济|生产总值)[^，。]{0,6}增长\d", s): P.append((os.path.basename(f), s[:60]))
    elif "Shenzhen" in q:
        for f in STORE:
            for s in re.split(r"[。；;，,]", TXT[f]):
                if "深圳" in s and re.search(r"(生产总值|GDP|经济)[^，。]{0,8}增长\d", s): P.append((os.path.basename(f), s[:60]))
    elif "上海2025年粮食" in q:
        P += none_match(store_files("上海"), r"粮食[^。，]{0,8}(产量|总产)[^。，]{0,6}\d")
    elif "浙江省2026年固定资产投资" in q:
        P += none_match(store_files("浙江"), r"固定资产投资|固投")
    elif "广东省2026年城镇调查失业率" in q:
        for s in sentences(TXT[store_files("2026_广东")[0]]):
            if "失业率" in s and "平均" not in s: P.append(s[:60])
    elif "河南省2025年全社会研发投入强度" in q:
        P += none_match(store_files("河南"), r"研发(经费)?投入强度|研发经费支出相当于|R&D")
    elif "天津市2026年PM2.5" in q:
        for s in sentences(TXT[store_files("2026_天津")[0]]):
            if "PM2.5" in s and re.search(r"降至|控制在|以下|力争|目标", s): P.append(s[:60])
    elif "四川2026年实际" in q or "Jiangsu's GDP actually grow in 2026" in q:
        if any(y >= "2027" for y in prov_years | nat_years): P.append("a 2027 report is stored")
    elif "Hunan's GDP growth target for 2020" in q:
        if "2020" in prov_years: P.append("a 2020 provincial report is stored")
        P += none_match(store_files("湖南"), r"2020年")
    elif "Guangdong produce in 2025" in q:
        t = TXT[store_files("2026_广东")[0]]
        review = t[:t.find("三、2026年工作安排")]  # outcomes live in the review part; the plan part holds targets
        for s in sentences(review):
            if "粮食" in s and re.search(r"\d[\d.]*(万吨|亿斤|亿公斤|万斤)", s): P.append(s[:60])
    else:
        P.append("no negative check defined")
    return P

def main():
    errs = []
    items = [json.loads(l) for l in open(GOLD, encoding="utf-8") if l.strip()]
    ids = collections.Counter(i["id"] for i in items)
    errs += [f"duplicate id {k}" for k, v in ids.items() if v > 1]
    for it in items:
        iid = it.get("id")
        E = lambda m: errs.append(f"{iid}: {m}")
        if list(it.keys()) != KEYS: E(f"keys {list(it.keys())}")
        if it["kind"] not in KINDS: E("bad kind")
        if it["lang"] not in {"zh", "en"}: E("bad lang")
        if it["lang"] == "en" and re.search(r"[\u4e00-\u9fff]", it["question"]): E("en question has CJK")
        if it["kind"] == "followup":
            h = it["history"]
            if not (len(h) == 2 and h[0]["role"] == "user" and h[1]["role"] == "assistant"): E("bad history")
        elif it["history"]: E("history only for followup")
        if not it["found"]:
            if it["kind"] != "negative": E("found=false but kind != negative")
            if it["answer_all"] or it["evidence_any"] or it["doc_any"]: E("negative with non-empty lists")
            for p in neg_checks(it["question"]): E(f"negative answerable? {p}")
            continue
        if it["kind"] == "negative": E("negative with found=true")
        docs = {}
        for d in it["doc_any"]:
            fs = files_for(d)
            if len(fs) != 1: E(f"doc_any {d!r} matches {len(fs)} files"); continue
            docs[d] = fs[0]
        if not docs: continue
        if it["kind"] == "comparison" and len(docs) < 2 and len(it["answer_all"]) < 2: E("comparison needs 2 parts")
        covered = set()
        for ev in it["evidence_any"]:
            if not (10 <= len(ev) <= 40): E(f"evidence length {len(ev)}: {ev}")
            hit = [d for d, f in docs.items() if ev in TXT[f]]
            if not hit: E(f"evidence not verbatim in docs: {ev}")
            elsewhere = [os.path.basename(f) for f in STORE if ev in TXT[f] and not any(d in os.path.basename(f) for d in docs)]
            if elsewhere: E(f"evidence also occurs in other stored report(s) {elsewhere}: {ev}")
            covered |= set(hit)
        for d in docs:
            if d not in covered: E(f"doc {d} has no evidence")
        evtext = " | ".join(it["evidence_any"])
        alltext = " ".join(TXT[f] for f in docs.values())
        if it["kind"] in ("multi", "aggregate", "comparison") and len(it["answer_all"]) < 2: E("needs >=2 parts")
        for k, alts in enumerate(it["answer_all"]):
            if not alts: E(f"empty inner list {k}")
            near = evtext
            if it["kind"] == "metadata":  # name/date may sit on the line right after the cited heading
                near += " | " + " | ".join(TXT[f][TXT[f].find(ev):TXT[f].find(ev) + len(ev) + 60]
                                           for ev in it["evidence_any"] for f in docs.values() if ev in TXT[f])
            if not any(fig_in(a, near) for a in alts): E(f"part {k} {alts} not in evidence")
            if not any(fig_in(a, alltext) for a in alts): E(f"part {k}: no alternative verbatim in doc")
            for a in alts:
                english = bool(re.search(r"[A-Za-z]", a)) or re.fullmatch(r"[\d,]+", a)
                if not english and not fig_in(a, alltext):
                    # a rewritten variant (e.g. 5%-5.5% for 5%—5.5%): each of its figures must be in the doc
                    for fg in re.findall(r"\d+(?:\.\d+)?%?", a):
                        if not fig_in(fg, alltext): E(f"alt {a!r}: figure {fg} not in doc text")
                for num in re.findall(r"\d+(?:\.\d+)?", a.replace(",", "")):
                    if num not in alltext.replace(",", "") and not re.search(r"(million|billion|trillion|micrograms|μg|,)", a):
                        E(f"number {num} of {a!r} not in doc")
            if it["kind"] == "descriptive" and not (4 <= len(alts[0]) <= 12): E(f"key phrase length {alts[0]}")
    kinds = collections.Counter(i["kind"] for i in items)
    langs = collections.Counter(i["lang"] for i in items)
    kl = collections.Counter((i["kind"], i["lang"]) for i in items)
    print(f"items: {len(items)}")
    print("by kind:", dict(kinds))
    print("by lang:", dict(langs))
    print("en by kind:", {k: v for (k, l), v in kl.items() if l == "en"})
    if langs.get("en", 0) < 12: errs.append("fewer than 12 en items")
    if kl.get(("negative", "en"), 0) < 3: errs.append("fewer than 3 en negatives")
    if errs:
        print(f"FAIL: {len(errs)} problem(s)")
        for e in errs: print("  -", e)
        sys.exit(1)
    print("OK: all checks passed")

if __name__ == "__main__":
    main()
