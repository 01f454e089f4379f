"""Reports: the sales figures of a period, the Z report, UMKM turnover, and their files."""
