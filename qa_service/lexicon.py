"""Vocabulary of the genre: indicator synonyms, English terms, and the words that carry no content."""

from __future__ import annotations

# Each group names one indicator; the first entry is its canonical name. Longer forms come first so that
# matching "地区生产总值" does not also report "生产总值" as a second concept.
CONCEPTS: list[list[str]] = [
    ["地区生产总值", "全市生产总值", "全省生产总值", "国内生产总值", "生产总值", "GDP", "经济总量", "经济增长", "经济增速"],
    ["进出口总额", "外贸进出口", "进出口", "外贸", "对外贸易", "货物贸易"],
    ["研发投入强度", "研发经费投入强度", "研发强度", "R&D经费投入强度", "R&D"],
    ["城镇新增就业", "新增城镇就业", "城镇新增就业人数", "新增就业", "就业"],
    ["城镇调查失业率", "调查失业率", "登记失业率", "失业率"],
    ["固定资产投资", "投资增速", "投资"],
    ["社会消费品零售总额", "社会消费品零售", "社零", "消费品零售", "消费"],
    ["一般公共预算收入", "地方一般公共预算收入", "地方财政收入", "财政收入", "地方收入"],
    ["规模工业增加值", "规模以上工业增加值", "规上工业增加值", "工业增加值"],
    ["居民人均可支配收入", "全体居民人均可支配收入", "人均可支配收入", "居民收入"],
    ["粮食总产量", "粮食产量", "粮食生产"],
    ["居民消费价格", "CPI", "物价"],
    ["单位地区生产总值能耗", "单位GDP能耗", "能耗"],
    ["空气优良天数", "空气质量优良天数", "优良天数", "空气优良率"],
    ["高新技术企业", "高企"],
    ["发明专利", "有效发明专利", "专利"],
]

ENGLISH: dict[str, str] = {
    "import/export": "进出口", "imports and exports": "进出口", "import and export": "进出口",
    "imports": "进出口", "exports": "进出口", "foreign trade": "外贸", "trade": "进出口",
    "gdp": "地区生产总值", "gross domestic product": "地区生产总值", "economic growth": "地区生产总值",
    "economy": "地区生产总值", "r&d intensity": "研发投入强度", "r&d spending": "研发投入强度",
    "research and development": "研发", "r&d": "研发",
    "new urban jobs": "城镇新增就业", "urban jobs": "城镇新增就业", "new jobs": "城镇新增就业",
    "jobs": "就业", "employment": "就业", "unemployment": "失业率",
    "fixed-asset investment": "固定资产投资", "fixed asset investment": "固定资产投资", "investment": "投资",
    "retail sales": "社会消费品零售总额", "consumer goods": "社会消费品零售总额", "consumption": "消费",
    "fiscal revenue": "一般公共预算收入", "budget revenue": "一般公共预算收入", "revenue": "收入",
    "industrial value added": "规模工业增加值", "industrial value-added": "规模工业增加值",
    "industrial output": "规模工业增加值", "disposable income": "人均可支配收入", "income": "收入",
    "grain output": "粮食总产量", "grain production": "粮食总产量", "grain": "粮食",
    "sown area": "播种面积", "patents": "专利", "patent": "专利", "high-tech enterprises": "高新技术企业",
    "high-tech companies": "高新技术企业", "air quality": "空气", "good air days": "空气优良天数",
    "tourists": "旅游", "tourism": "旅游", "tourism revenue": "旅游总收入", "school places": "学位",
    "schools": "学校", "kindergarten": "幼儿园", "elderly": "养老", "elderly care": "养老",
    "debt": "债务", "special bonds": "专项债", "special-purpose bonds": "专项债", "projects": "项目",
    "project": "项目", "foreign investment": "外资", "foreign-funded": "外资", "enterprises": "企业",
    "companies": "企业", "population": "人口", "housing": "住房", "old residential": "老旧小区",
    "farmland": "农田", "high-standard farmland": "高标准农田", "medical insurance": "医疗保险",
    "insurance": "保险", "electric vehicles": "新能源汽车", "tax": "税收", "manufacturing": "制造业",
    "contracts": "签约", "signed": "签约", "contract value": "合同引资额", "land": "土地",
    "target": "目标", "goal": "目标", "plan": "计划", "planned": "计划", "growth": "增长",
    "grow": "增长", "increase": "增长", "result": "完成", "outcome": "完成", "actual": "完成",
    "achieved": "完成", "estimated": "预计",
}

# Words that ask rather than name: they never decide which passage answers.
STOPWORDS = {
    "多少", "几", "几个", "如何", "怎么样", "怎样", "什么", "哪些", "哪个", "是否", "是", "的", "了", "吗", "呢", "啊",
    "年", "情况", "请问", "请", "告诉", "我", "一下", "介绍", "有", "为", "在", "和", "与", "及", "对", "把", "被",
    "那", "那么", "还有", "呀", "吧", "其", "该", "这", "这个", "那个", "今年", "去年", "明年", "前年", "上年",
    "本年", "当年", "全年", "预计", "目标", "计划", "完成", "实际", "实现", "达到", "增长", "增速", "增长率",
    "同比", "预期", "要求", "力争", "安排", "主要", "指标", "报告", "提出", "定", "定为", "设定", "取得", "怎么",
    "百分之", "万元", "亿元", "元", "人", "多", "大", "高", "已", "将", "会", "要", "上", "下", "中", "地区",
    "全区", "全市", "全省", "区", "市", "省", "到", "达", "共", "新", "各", "等", "总", "数", "数量", "规模",
    "做", "做了", "哪", "里", "方面", "工作", "成效", "进展", "结果", "水平", "程度", "数字", "数据", "具体",
}

EN_STOPWORDS = {
    "what", "was", "is", "the", "a", "an", "of", "in", "for", "to", "how", "much", "many", "did", "does", "do",
    "which", "and", "or", "its", "it", "by", "on", "at", "as", "be", "were", "are", "this", "that", "year",
    "last", "next", "report", "say", "says", "about", "with", "?", "'s",
}

PLAN_CUES = ("目标", "计划", "预期", "力争", "打算", "安排", "要求", "将", "target", "plan", "goal", "expected", "aim")
ACTUAL_CUES = ("完成", "实际", "实现", "达到", "结果", "成效", "取得", "result", "outcome", "actual", "achiev")
REVIEW_CUES = ("完成情况", "怎么样", "如何", "进展", "执行", "how did", "how was", "result", "went")


def concept_of(term: str) -> list[str] | None:
    for group in CONCEPTS:
        if term in group:
            return group
    return None
