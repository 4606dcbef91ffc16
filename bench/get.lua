-- wrk script for the baseline: a plain GET, reported as post-response.lua reports.
dofile("bench/report.lua")
