"""Batch regeneration: many findings files x audiences in one resumable, gated run.

    discovery   files, directories and globs -> inputs with output stems
    sharding    --shard K/N by content hash
    validation  every input checked before anything is written
    manifest    per-item records, journals, resume
    produce     one item through the shared pipeline
    pool        offline runner (processes, one per core)
    aio         model runner (event loop, bounded concurrency)
    ratelimit   requests/tokens per minute
    progress    the progress bar
    summary     counts, summary.json, merging shards
    report      the html index
    runner      the whole run
"""

from engine.batch.runner import BatchOutcome, BatchRequest, run_batch

__all__ = ["BatchOutcome", "BatchRequest", "run_batch"]
