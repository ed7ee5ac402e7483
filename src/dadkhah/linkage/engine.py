"""Backends for splink: DuckDB in process, or Spark (local mode by default)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dadkhah.errors import CaseError, InputError

if TYPE_CHECKING:
    from splink.internals.database_api import DatabaseAPISubClass

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")


def local_spark_session(*, cores: int | None = None, memory: str = "4g") -> Any:
    """A Spark session in local mode with splink's string-similarity functions registered.

    Needs the optional ``pyspark`` dependency (``pip install dadkhah[spark]``) and Java 17.
    """
    try:
        from pyspark.sql import SparkSession
        from splink.internals.spark.jar_location import similarity_jar_location
    except ImportError:
        raise CaseError("the Spark engine needs pyspark: pip install 'dadkhah[spark]'") from None
    cores = cores or os.cpu_count() or 2
    logging.getLogger("py4j").setLevel(logging.WARNING)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("dadkhah-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.default.parallelism", str(cores * 2))
        .config("spark.ui.enabled", "false")
        # Spark makes its warehouse folder on start (splink keeps no tables there): one shared
        # folder under the temporary directory, never the user's working directory.
        .config("spark.sql.warehouse.dir", str(Path(tempfile.gettempdir()) / "dadkhah-spark-warehouse"))
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def database_api(engine: Engine, spark: Any = None) -> DatabaseAPISubClass:
    """The splink database API for ``engine``; Spark uses ``spark`` or a local session."""
    if engine == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI()
    if engine == "spark":
        from splink import SparkAPI

        session = spark if spark is not None else local_spark_session()
        # Cache intermediate tables in memory: a local session has no distributed store to
        # checkpoint to, and a cached table is enough to cut Spark's lineage.
        return SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=session, break_lineage_method="persist"
        )
    raise InputError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}", field="engine")
