-- wrk script: PUT /articles/{id} as an editor does, each one a valid write. Every thread owns
-- its own articles (PUT_POOL of them, shared with no other thread), sends a PUT only for an
-- article with no PUT in flight, with If-Match naming its current ETag, and takes the new ETag
-- from the answer. Each PUT changes the title, so every one is a real edit the store writes.
--
-- Needs PUT_ETAGS, a Lua file returning { {id, etag}, ... } with PUT_POOL entries per thread
-- (puts.sh makes it), and BROADSHEET_WRITE_TOKEN. wrk counts answers other than 2xx and 3xx
-- ("Non-2xx or 3xx responses"); an article whose PUT was refused leaves its thread's pool.

local pool = tonumber(os.getenv("PUT_POOL") or "64")
local all = dofile(os.getenv("PUT_ETAGS"))
local n = 0

function setup(thread)
  thread:set("index", n)
  n = n + 1
end

local token = os.getenv("BROADSHEET_WRITE_TOKEN")
local etags = {}
local free = {}
local counter = 0

function init(args)
  for i = 1, pool do
    local entry = all[index * pool + i]
    etags[entry[1]] = entry[2]
    table.insert(free, entry[1])
  end
end

function request()
  local id = table.remove(free)
  if id == nil then
    -- every article of this thread has a PUT in flight, which a pool larger than the thread's
    -- connections prevents; a 404 then, so that it counts among the answers other than 200
    return wrk.format("GET", "/no-article-free")
  end
  counter = counter + 1
  local body = string.format('{"id":"%s","title":"Bench edit %d","publishedAt":"2026-01-01T00:00:00Z",'
      .. '"category":"BUSINESS","tags":["BENCH"],"body":"An article edited over HTTP."}', id, counter)
  return wrk.format("PUT", "/articles/" .. id, {
    ["If-Match"] = etags[id],
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    return -- counted by wrk as a non-2xx answer; the article leaves the pool
  end
  local id = string.match(body, '"id":"([^"]+)"')
  local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
  if id ~= nil and etag ~= nil then
    etags[id] = etag
    table.insert(free, id)
  end
end
