"""Places a question names (provinces, countries, the district or city it opens with) and which documents
cover them. A region counts from a document's metadata, or else from its text: a policy notice has no region
field but names its city in every line."""

from __future__ import annotations

import re
from functools import lru_cache

from planqa.records import Document
from planqa.regions import ENGLISH_NAMES, PROVINCE_ENGLISH, PROVINCES, province_in, provinces_named
from qa_service.glossary import cities
from qa_service.vocabulary import vocabulary

REGION_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市|区|县)$")
REGION_PART = re.compile(r"[\u4e00-\u9fff]+?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|区|县|州)")
# "芦淞区2023年…": a district or city the question opens with, right before a year.
HEAD_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:市|区|县|州|盟|旗))(?=\s*(?:19|20)\d{2})")
# The country as a whole: answered by the national reports (国务院政府工作报告), whatever their metadata says.
ENGLISH_NAME = re.compile(r"\b[A-Z][a-z'’]+(?: [A-Z][a-z]+)?")
ENGLISH_LOCAL = re.compile(r"\b([A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,})?)(?:'s)?\s+(?i:city|county|district|prefecture)\b")
NATIONAL = "全国"
NATIONAL_ASKED = re.compile(r"全国|国务院|中央政府|\bnational\b|\bchina\b|\bstate council\b", re.I)
NATIONAL_DOC = re.compile(r"国务院|中华人民共和国|全国")
LOCAL_SUFFIX = ("市", "区", "县", "州", "盟", "旗")
# "政府工作报告" (or "政府工作任务") with no place named is, by the genre's usage, the State Council's report
# what only the national reports speak of, in a question that names no place: 政府工作报告 alone, 全国, the
# central budget. Not 国内生产总值: people say it of any GDP, and a district's delegates mean their own.
NATIONAL_REPORT = re.compile(r"政府工作|全国|中央财政|中央预算|国务院|government work report|national|nationwide",
                             re.I)
NOT_PLACES = ("全市", "全区", "全县", "全州", "本市", "本区", "城区", "园区", "社区", "辖区", "新区", "片区", "景区")


def region_aliases(region: str) -> set[str]:
    """'株洲市天元区' → {'株洲市天元区', '天元区', '天元', '株洲市', '株洲'}; '北京市' → {'北京市', '北京', 'beijing'}."""
    aliases = {region}
    for part in REGION_PART.findall(region):
        aliases.add(part)
        short = REGION_SUFFIX.sub("", part)
        if len(short) >= 2:
            aliases.add(short)
    short = REGION_SUFFIX.sub("", region)
    if len(short) >= 2:
        aliases.add(short)
    province = province_in(region)
    if province:
        aliases.add(PROVINCE_ENGLISH[province])
        aliases.update(PROVINCES.get(province, ()))
    return {a for a in aliases if a}


def places_named(text: str) -> list[str]:
    """Provinces (canonical names), countries, and a district or city the question opens with."""
    named = sorted(provinces_named(text))
    vocab = vocabulary()
    zh, en = vocab.places.get("countries", ()), vocab.places.get("countries_en", ())
    lower = f" {text.lower()} "
    named += [c for c in zh if c in text]
    named += [c for c in en if re.search(rf"(?<![a-z]){re.escape(c)}(?![a-z])", lower)]
    if NATIONAL_ASKED.search(text):
        named.append(NATIONAL)
    known = set(ENGLISH_NAMES) | {c.lower() for c in en}
    # "Wuzhong city's grain output": a place an English question names that no province or country name covers
    named += [m.group(1) for m in ENGLISH_LOCAL.finditer(text) if m.group(1).lower() not in known
              and not any(m.group(1).lower() in n or n in m.group(1).lower() for n in known)]
    head = HEAD_PLACE.match(text.strip())
    local = [head.group(1)] if head else []
    local += [w for w, flag in _pos(text) if flag == "ns" and len(w) >= 3 and w.endswith(LOCAL_SUFFIX)]
    prefixes = sorted((a for full in named if full in PROVINCES for a in (full, *PROVINCES[full])), key=len, reverse=True)
    for place in local:
        # "宁夏银川市" is 银川市, in 宁夏
        place = next((place[len(a):] for a in prefixes if place.startswith(a) and len(place) - len(a) >= 2), place)
        if place not in NOT_PLACES and not any(place in n or n in place for n in named):
            named.append(place)
    return named


@lru_cache(maxsize=1)
def _province_prefixes() -> tuple[str, ...]:
    return tuple(sorted({a for full, short in PROVINCES.items() for a in (full, *short)}, key=len, reverse=True))


def without_province(word: str) -> str:
    """"天津地铁" is 地铁 in 天津: the province is the question's scope, the rest what a passage must say (a report
    writes "地铁运营里程"). A name the province makes ("上海港") keeps it: the rest is one character."""
    prefix = next((a for a in _province_prefixes() if word.startswith(a)), "")  # the longest: "内蒙古自治区", not 内蒙古
    rest = word[len(prefix):]
    return rest if prefix and len(rest) >= 2 and not REGION_SUFFIX.match(rest) else word


def cities_named(text: str) -> list[str]:
    """The gazetteer's cities a question names, by their Chinese names: "泉州的GDP", "Quanzhou's GDP". A province's
    report gives the province's figures; one of its cities has a figure only where a sentence names it."""
    known = set(ENGLISH_NAMES) | {c.lower() for c in vocabulary().places.get("countries_en", ())}
    named = [w.removesuffix("市") for w, flag in _pos(text) if flag == "ns" and _city(w)]
    return list(dict.fromkeys(named + _english_cities(text, known)))


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """The gazetteer's Chinese city names that are not also a province's name (吉林 is both: the province)."""
    provinces = {n for full, short in PROVINCES.items() for n in (full, *short)}
    return frozenset(zh for zh in cities().values() if zh not in provinces)


def _city(word: str) -> bool:
    return word.removesuffix("市") in _city_names()


def _english_cities(text: str, known: set[str]) -> list[str]:
    """"Quanzhou's GDP": the Chinese name of a city an English question names, so a notice of 泉州 still answers."""
    found = []
    for m in ENGLISH_NAME.finditer(text):
        for name in (m.group(0), m.group(0).split(" ")[0]):
            key = re.sub(r"['’]s$", "", name.lower()).replace("'", "").replace("’", "")
            if key not in known and (zh := cities().get(key)) and _city(zh):
                found.append(zh)
                break
    return found


def _pos(text: str) -> list[tuple[str, str]]:
    """jieba's part-of-speech tags: "ns" marks the place names its dictionary knows (株洲市, 石家庄市)."""
    import jieba.posseg

    return [(p.word, p.flag) for p in jieba.posseg.cut(text)]


def covers(doc: Document, place: str) -> bool:
    """The document is about `place` by its metadata (region or title)."""
    if place == NATIONAL:
        return bool(NATIONAL_DOC.search(doc.title) or NATIONAL_DOC.search(doc.region))
    if doc.region and (place in doc.region or any(a == place for a in region_aliases(doc.region))):
        return True
    return place in doc.title


def mentions(doc: Document, place: str) -> bool:
    short = REGION_SUFFIX.sub("", place) if len(REGION_SUFFIX.sub("", place)) >= 2 else place
    return short in doc.clean_text or place.lower() in doc.clean_text.lower()


def implied_places(text: str) -> list[str]:
    """Places a question means without naming one: 政府工作报告 alone is the national report."""
    return [NATIONAL] if NATIONAL_REPORT.search(text) else []


def is_local(doc: Document) -> bool:
    """A district's, city's or county's own report: a region below the provinces (株洲市天元区)."""
    region = doc.region or ""
    return bool(region) and region != NATIONAL and province_in(region) != region and not NATIONAL_DOC.search(region)


def home_region(docs: list[Document]) -> str | None:
    """The one locality whose reports sit beside national and provincial ones for reference, if there is one.

    That is the usual deployment: a district's delegates load their own plan and the reports above it. A
    question that names no place is then about the district. With several localities (or none), a question
    that names no place is not narrowed down."""
    local = {d.region for d in docs if is_local(d)}
    above = [d for d in docs if not is_local(d)]
    # every other document must be a report from above (national, provincial): a store of notices without a
    # region, or of several cities' documents, has no home
    if len(local) == 1 and above and all(d.region for d in above):
        return local.pop()
    return None


def stored_places_named(text: str, docs: list[Document]) -> set[str]:
    """The regions of stored documents that the question names by any of their names ("芦淞区" for
    株洲市芦淞区): a place a report is about is a place, whether or not a gazetteer knows it."""
    found = set()
    for region in {d.region for d in docs if d.region and d.region != NATIONAL}:
        names = [a for a in region_aliases(region) if len(a) >= 3 or (len(a) == 2 and not a.isascii())]
        # the most specific name: "株洲市" alone names the city, not its district 天元区
        if any(a in text for a in names if a != region and not REGION_SUFFIX.sub("", region).startswith(a)
               ) or region in text:
            found.add(region)
    return found


def uncovered_locals(places: list[str], docs: list[Document]) -> list[str]:
    """The cities and districts a question names that no document is about by its metadata ("宁夏石嘴山市…",
    "Shizuishan city"): a province's report does not answer for one of its cities unless it speaks of it."""
    countries = set(vocabulary().places.get("countries", ())) | set(vocabulary().places.get("countries_en", ()))
    local = [p for p in places if p != NATIONAL and p not in PROVINCES and p not in countries]
    return [p for p in local if not any(covers(d, p) for d in docs)]
