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
dofile("bench/report.lua")

