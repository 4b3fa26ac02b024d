/** An Artifactory's base URL by region: `https://artifactory.<region zone>/artifactory`. */
export function artifactoryUrlOf(zone: string): string {
  return `https://artifactory.${zone}/artifactory`;
}

/** Another region's Artifactory, and the file (in the replication secret) holding the credentials to reach it. */
export interface ReplicationPeer {
  readonly region: string;
  readonly url: string;
}

/**
 * What one region's Artifactory must configure: the pushes it sends and the pulls its remote repositories make.
 * Every rule has a Quartz cron (JFrog's replication API needs one, event-based or not).
 */
export interface RegionReplication {
  readonly region: string;
  readonly push: { rule: string; repositories: string[]; cron: string; eventBased: boolean; targets: ReplicationPeer[] }[];
  readonly pull: { rule: string; repositories: string[]; cron: string; eventBased: boolean; source: ReplicationPeer }[];
}

/** The regions a RegionReplication talks to: one credentials file each in the replication secret. */
export function replicationPeers(plan: RegionReplication): string[] {
  return [...new Set([...plan.push.flatMap((p) => p.targets.map((t) => t.region)), ...plan.pull.map((p) => p.source.region)])].sort();
}

/**
 * Applies a RegionReplication through Artifactory's REST API (Python standard library only). Credentials come from
 * files of the replication secret (synchronized from the cloud's secret store), never from this script or the
 * plan: `token` for this Artifactory, `<peer>.json` = {"username", "token"} for each other region, a user and token
 * that region issued for replication. Push: PUT /api/replications/multiple/<local repo> with username and token per
 * target. Pull: the remote repository gets the source's credentials (POST /api/repositories/<key>), then
 * PUT /api/replications/<key>. Idempotent. Any failure — Artifactory never ready, a pattern matching no
 * repository, an API error — exits non-zero with one line saying which, so the Job fails and so does the apply.
 */
export const APPLY_REPLICATION_SCRIPT = `import fnmatch, json, os, sys, time, urllib.error, urllib.request

BASE = os.environ["ARTIFACTORY_URL"].rstrip("/")
SECRETS = os.environ.get("REPLICATION_SECRETS", "/secrets")
TOKEN = open(os.path.join(SECRETS, "token")).read().strip()
PLAN = json.load(open(os.environ.get("REPLICATION_PLAN", "/config/replication.json")))

def fail(message):
    print("replication failed: " + message, file=sys.stderr)
    sys.exit(1)

def peer(region):
    path = os.path.join(SECRETS, region + ".json")
    if not os.path.exists(path):
        fail("no credentials for " + region + " in the replication secret")
    creds = json.load(open(path))
    if not creds.get("username") or not creds.get("token"):
        fail("the credentials for " + region + " need a username and a token")
    return creds

def call(method, path, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            text = res.read().decode()
            return json.loads(text) if text.strip().startswith(("[", "{")) else text
    except urllib.error.HTTPError as e:
        fail(method + " " + path + " answered " + str(e.code) + ": " + e.read().decode()[:300])

def repos(kind, rule):
    keys = [r["key"] for r in call("GET", "/api/repositories?type=" + kind)]
    found = sorted({k for k in keys for p in rule["repositories"] if fnmatch.fnmatchcase(k, p)})
    if not found:
        fail("rule " + rule["rule"] + ": no " + kind + " repository matches " + ", ".join(rule["repositories"]))
    return found

for attempt in range(45):  # Artifactory may still be starting after an upgrade
    try:
        urllib.request.urlopen(BASE + "/api/system/ping", timeout=10).read()
        break
    except Exception as e:
        print("waiting for Artifactory:", e, file=sys.stderr)
        time.sleep(20)
else:
    fail("Artifactory at " + BASE + " never answered its ping")

for rule in PLAN["push"]:
    for key in repos("local", rule):
        targets = [dict(peer(t["region"]), url=t["url"] + "/" + key) for t in rule["targets"]]
        body = {"cronExp": rule["cron"], "enableEventReplication": rule["eventBased"],
                "replications": [{"url": t["url"], "username": t["username"], "password": t["token"], "enabled": True,
                                  "syncDeletes": True, "syncProperties": True} for t in targets]}
        call("PUT", "/api/replications/multiple/" + key, body)
        print("push", rule["rule"], key, "->", ", ".join(t["region"] for t in rule["targets"]))

for rule in PLAN["pull"]:
    source = peer(rule["source"]["region"])
    for key in repos("remote", rule):
        call("POST", "/api/repositories/" + key, {"rclass": "remote", "username": source["username"], "password": source["token"]})
        body = {"cronExp": rule["cron"], "enableEventReplication": rule["eventBased"], "enabled": True,
                "syncDeletes": True, "syncProperties": True}
        call("PUT", "/api/replications/" + key, body)
        print("pull", rule["rule"], key, "<-", rule["source"]["region"])
`;
