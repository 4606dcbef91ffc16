-- wrk script: GETs BENCH_PATTERN with a %s filled from a random line of the file BENCH_CODES (one survey per request,
-- so the reads spread over every municipality's survey instead of one kept warm).
local codes = {}
for line in io.lines(os.getenv("BENCH_CODES")) do codes[#codes + 1] = line end
local pattern = os.getenv("BENCH_PATTERN")
request = function()
  return wrk.format("GET", string.format(pattern, codes[math.random(#codes)]))
end
dofile("bench/report.lua")
