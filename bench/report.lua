-- Shared by the wrk scripts here. Each wrk process (and thread) seeds its own random numbers: Lua's generator starts from
-- the same seed every time, and post-response.lua's ids (a repeated responseId is, rightly, counted once) and
-- get-rotating.lua's surveys must differ between runs.
init = function(args)
  local f = io.open("/dev/urandom", "rb")
  local b = f:read(4)
  f:close()
  math.randomseed(((b:byte(1) * 256 + b:byte(2)) * 256 + b:byte(3)) * 256 + b:byte(4))
end

-- One machine-readable line that bench/run.sh reads.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50=%.2f p90=%.2f p99=%.2f\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
