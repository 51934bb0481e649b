"""Renderers: turn a brief (and its findings) into Markdown, HTML and pictures."""
