"""The one client of a UI process, and the cached reads the page repeats on every rerun."""

from __future__ import annotations

import streamlit as st

from planqa.settings import Settings
from ui.client import PlanQAClient


@st.cache_resource(show_spinner=False)
def client() -> PlanQAClient:
    return PlanQAClient(Settings())


# Errors are raised, not cached, so a backend that comes back is used again at once.
@st.cache_data(ttl=30, show_spinner=False)
def documents() -> list[dict]:
    return client().documents()


@st.cache_data(ttl=300, show_spinner=False)
def doc_indicators(doc_id: str) -> list[dict]:
    return client().indicators(doc_id)


@st.cache_data(ttl=300, show_spinner=False)
def doc_outline(doc_id: str) -> list[str]:
    return client().outline(doc_id)


@st.cache_data(ttl=300, show_spinner=False)
def context(doc_id: str, start: int, end: int, margin: int = 120) -> tuple[str, str, str]:
    return client().context(doc_id, start, end, margin)
