"""Alembic migrations for the register, shipped as package data and run on open."""
