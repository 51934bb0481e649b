"""The live risk register: risks, owners and mitigation status in a database.

SQLite in the working directory by default; any SQLAlchemy URL (PostgreSQL
for a team) through RISKBRIEF_REGISTER_URL. See store.RegisterStore.
"""
