"""Risk artifacts built from a findings document: risk matrix, FMEA,
pre-mortem, trade-off charts, model card and datasheet."""
