"""The Content-Security-Policy every HTML page riskbrief writes carries."""

# The page is self-contained and runs no script: the policy forbids scripts, plugins,
# frames and every network fetch, so even markup that slipped past escaping stays inert.
CSP_META = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">")
