"""The vocabulary file: every Chinese form comes from the reports, not from a gold question."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from qa_service.vocabulary import load_vocabulary, vocabulary


def test_the_file_loads_and_every_indicator_has_an_english_name_and_direction():
    vocab = vocabulary()
    assert len(vocab.indicators) >= 25
    for ind in vocab.indicators:
        assert ind.en and ind.direction in {"higher", "lower", "ceiling", "none"}, ind.name


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_every_chinese_form_occurs_in_some_report():
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in CORPUS.rglob("*.txt")]
    missing = [form for ind in vocabulary().indicators for form in ind.forms if not any(form in t for t in texts)]
    assert not missing, f"forms that no report uses (add them under [shorthand] with a reason, or drop them): {missing}"


def test_a_deployment_can_extend_the_vocabulary(tmp_path):
    extra = tmp_path / "v.toml"
    extra.write_text('[[indicator]]\nname = "海洋生产总值"\nen = "ocean GDP"\nen_aliases = ["ocean economy"]\n'
                     'direction = "higher"\n', encoding="utf-8")
    vocab = load_vocabulary(extra)
    assert vocab.find_indicators("2024年海洋生产总值增长多少")[0][1].name == "海洋生产总值"
    assert vocab.translate("How big is the ocean economy?") == ["海洋生产总值"]


def test_longest_form_wins_and_shorthand_maps_to_the_full_name():
    vocab = vocabulary()
    names = [ind.name for _, ind in vocab.find_indicators("人均GDP和居民消费价格，社零")]
    assert names == ["人均地区生产总值", "居民消费价格", "社会消费品零售总额"]


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_every_english_policy_term_names_a_phrase_of_the_genre():
    import tomllib

    from qa_service.vocabulary import DEFAULT_PATH

    terms = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["english_policy_terms"]
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in CORPUS.rglob("*.txt")]
    rare = {zh for zh in set(terms.values()) if sum(zh in t for t in texts) < 5}
    assert len(terms) >= 100 and not rare, f"policy terms in fewer than five documents: {rare}"
    assert vocabulary().translate("What does the report say about the low-altitude economy?") == ["低空经济"]


def test_a_longer_english_name_is_its_own_indicator():
    # "trade" alone is the goods trade, "services trade" is not; "GDP" inside "R&D-to-GDP ratio" is no second indicator
    assert vocabulary().translate("How much did services trade grow in 2025?")[0] == "服务贸易"
    assert vocabulary().translate("What was the R&D-to-GDP ratio in 2024?") == ["研发投入强度"]
    assert vocabulary().translate("What was total trade in 2024?") == ["进出口总额"]
