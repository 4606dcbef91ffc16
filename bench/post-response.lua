-- wrk script: POSTs a distinct, valid response each request and prints one machine-readable line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", math.random(0, 0x7fffffff), tid or 0, counter)
  return wrk.format(nil, nil, nil,
    '{"responseId":"' .. id .. '","channel":"bench","concerns":["narkotika","trafik"],' ..
    '"priorities":["narkotika","trafik","inbrott"],"safety":2,"area":"centrum","ageGroup":"25-44","gender":"kvinna"}')
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50=%.2f p90=%.2f p99=%.2f\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
