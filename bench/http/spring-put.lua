-- wrk script (bench/http/spring.sh): PUT /articles/{id} over and over, each with the ETag the previous answer gave, as an
-- editor saving again and again. One article per wrk thread, one connection each (-tN -cN).
-- Arguments after --: BASE ID1 ID2 ... (BASE "" for the root, "/api" for a mounted API).
-- The write token comes from BROADSHEET_WRITE_TOKEN. The first request of each thread is a GET
-- for the article's JSON and ETag; a refused PUT starts again from a GET.
local count = 0

function setup(thread)
  count = count + 1
  thread:set("slot", count)
end

function init(args)
  base = args[1]
  id = args[slot + 1]
  token = os.getenv("BROADSHEET_WRITE_TOKEN")
  edits = 0
end

function request()
  if etag == nil then
    return wrk.format("GET", base .. "/articles/" .. id)
  end
  edits = edits + 1
  local edited = string.gsub(json, '"title":"[^"]*"', '"title":"Edit ' .. edits .. '"', 1)
  return wrk.format("PUT", base .. "/articles/" .. id, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["If-Match"] = etag,
  }, edited)
end

function response(status, headers, body)
  if status == 200 then
    etag = headers["ETag"] or headers["Etag"] or headers["etag"]
    if json == nil then
      json = body
    end
  else
    etag = nil
  end
end
