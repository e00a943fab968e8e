import Parquet
