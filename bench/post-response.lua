-- wrk script: POSTs a distinct, valid response each request and prints one machine-readable line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
-- Answers spread over areas, age groups, genders, channels and concerns as a real survey's are, some of
-- them rare, so that the staff reads in bench/run.sh have small cells to hide.
local areas = { "centrum", "centrum", "centrum", "nyborg", "nyborg", "karlsborg", "tore", "sangis", "morjarv", "pala" }
local ages = { "16-24", "25-44", "25-44", "45-64", "45-64", "65-84", "85+" }
local genders = { "kvinna", "man", "kvinna", "man", "annat" }
local channels = { "facebook", "facebook", "affisch", "webb", "lokaltidningen" }
local concerns = { "narkotika", "trafik", "inbrott", "vald-i-nara-relation" }
local rates = { 0.5, 0.35, 0.25, 0.03 }
request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", math.random(0, 0x7fffffff), tid or 0, counter)
  local named = {}
  for i, code in ipairs(concerns) do
    if math.random() < rates[i] then named[#named + 1] = '"' .. code .. '"' end
  end
  local list = table.concat(named, ",")
  local top = table.concat(named, ",", 1, math.min(#named, 3))
  return wrk.format(nil, nil, nil,
    '{"responseId":"' .. id .. '","channel":"' .. channels[math.random(#channels)] .. '","concerns":[' .. list .. '],' ..
    '"priorities":[' .. top .. '],"safety":2,"area":"' .. areas[math.random(#areas)] .. '",' ..
    '"ageGroup":"' .. ages[math.random(#ages)] .. '","gender":"' .. genders[math.random(#genders)] .. '"}')
end
dofile("bench/report.lua")

