"""Prompt templates, audience profiles and catalogues, shipped as package data."""

from importlib import resources


def read_text(relpath: str) -> str:
    """Text of a data file under prompts/, e.g. read_text('audiences/legal.yaml')."""
    node = resources.files(__name__)
    for part in relpath.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")
