"""China's provincial-level regions with the short names reports and questions use for them."""

from __future__ import annotations

PROVINCES: dict[str, tuple[str, ...]] = {
    "北京市": ("北京",), "天津市": ("天津",), "上海市": ("上海",), "重庆市": ("重庆",),
    "河北省": ("河北",), "山西省": ("山西",), "辽宁省": ("辽宁",), "吉林省": ("吉林",), "黑龙江省": ("黑龙江",),
    "江苏省": ("江苏",), "浙江省": ("浙江",), "安徽省": ("安徽",), "福建省": ("福建",), "江西省": ("江西",),
    "山东省": ("山东",), "河南省": ("河南",), "湖北省": ("湖北",), "湖南省": ("湖南",), "广东省": ("广东",),
    "海南省": ("海南",), "四川省": ("四川",), "贵州省": ("贵州",), "云南省": ("云南",), "陕西省": ("陕西",),
    "甘肃省": ("甘肃",), "青海省": ("青海",), "台湾省": ("台湾",),
    "内蒙古自治区": ("内蒙古",), "广西壮族自治区": ("广西",), "西藏自治区": ("西藏",),
    "宁夏回族自治区": ("宁夏",), "新疆维吾尔自治区": ("新疆",),
    "香港特别行政区": ("香港",), "澳门特别行政区": ("澳门",),
}


PROVINCE_ENGLISH: dict[str, str] = {
    "北京市": "beijing", "天津市": "tianjin", "上海市": "shanghai", "重庆市": "chongqing", "河北省": "hebei",
    "山西省": "shanxi", "辽宁省": "liaoning", "吉林省": "jilin", "黑龙江省": "heilongjiang", "江苏省": "jiangsu",
    "浙江省": "zhejiang", "安徽省": "anhui", "福建省": "fujian", "江西省": "jiangxi", "山东省": "shandong",
    "河南省": "henan", "湖北省": "hubei", "湖南省": "hunan", "广东省": "guangdong", "海南省": "hainan",
    "四川省": "sichuan", "贵州省": "guizhou", "云南省": "yunnan", "陕西省": "shaanxi", "甘肃省": "gansu",
    "青海省": "qinghai", "台湾省": "taiwan", "内蒙古自治区": "inner mongolia", "广西壮族自治区": "guangxi",
    "西藏自治区": "tibet", "宁夏回族自治区": "ningxia", "新疆维吾尔自治区": "xinjiang",
    "香港特别行政区": "hong kong", "澳门特别行政区": "macao",
}


# other English names in use: "Xizang" is the official one since 2023, "Macau" the older spelling
ENGLISH_ALIASES: dict[str, tuple[str, ...]] = {"西藏自治区": ("xizang",), "澳门特别行政区": ("macau",)}


# every English name of a region, for telling a place from a word in an English question
ENGLISH_NAMES = frozenset(PROVINCE_ENGLISH.values()) | {a for names in ENGLISH_ALIASES.values() for a in names}


def _names(full: str) -> tuple[str, ...]:
    return (full, *PROVINCES[full], PROVINCE_ENGLISH[full], *ENGLISH_ALIASES.get(full, ()))


def province_in(text: str) -> str | None:
    """The full name of the first province `text` names (full or short form), if any."""
    best: tuple[int, str] | None = None
    lower = text.lower()
    for full in PROVINCES:
        for name in _names(full):
            pos = lower.find(name)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, full)
    return best[1] if best else None


def provinces_named(text: str) -> set[str]:
    lower = text.lower()
    return {full for full in PROVINCES if any(n in lower for n in _names(full))}
