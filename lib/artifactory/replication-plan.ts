/** An Artifactory's base URL by region: `https://artifactory.<region zone>/artifactory`. */
export function artifactoryUrlOf(zone: string): string {
  return `https://artifactory.${zone}/artifactory`;
}

/** What one region's Artifactory must configure: the pushes it sends and the pulls its remote repositories make. */
export interface RegionReplication {
  readonly region: string;
  readonly push: { rule: string; repositories: string[]; cron?: string; eventBased: boolean; targets: { region: string; url: string }[] }[];
  readonly pull: { rule: string; repositories: string[]; cron?: string; eventBased: boolean; source: { region: string; url: string } }[];
}

/**
 * Applies a RegionReplication through Artifactory's REST API (Python standard library only): expands repository
 * patterns against the repositories that exist, then PUTs multi-push replication on each local repository, or
 * pull replication on each remote repository. Idempotent, so it can run after every change. The access token comes
 * from the environment (a Kubernetes secret fed from the cloud's secret store), never from this file.
 */
export const APPLY_REPLICATION_SCRIPT = `import fnmatch, json, os, sys, time, urllib.request

BASE = os.environ["ARTIFACTORY_URL"].rstrip("/")
TOKEN = os.environ["ARTIFACTORY_TOKEN"]
PLAN = json.load(open("/config/replication.json"))

def call(method, path, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as res:
        text = res.read().decode()
        return json.loads(text) if text.strip().startswith(("[", "{")) else text

def repos(kind, patterns):
    keys = [r["key"] for r in call("GET", "/api/repositories?type=" + kind)]
    return sorted({k for k in keys for p in patterns if fnmatch.fnmatchcase(k, p)})

for attempt in range(30):  # Artifactory may still be starting after an upgrade
    try:
        call("GET", "/api/system/ping"); break
    except Exception as e:
        print("waiting for Artifactory:", e, file=sys.stderr); time.sleep(20)

for rule in PLAN["push"]:
    for key in repos("local", rule["repositories"]):
        body = {"cronExp": rule.get("cron"), "enableEventReplication": rule["eventBased"],
                "replications": [{"url": t["url"] + "/" + key, "password": TOKEN, "enabled": True,
                                  "syncDeletes": True, "syncProperties": True} for t in rule["targets"]]}
        call("PUT", "/api/replications/multiple/" + key, body)
        print("push", rule["rule"], key, "->", ", ".join(t["region"] for t in rule["targets"]))

for rule in PLAN["pull"]:
    for key in repos("remote", rule["repositories"]):
        body = {"cronExp": rule.get("cron"), "enableEventReplication": rule["eventBased"], "enabled": True,
                "syncDeletes": True, "syncProperties": True}
        call("PUT", "/api/replications/" + key, body)
        print("pull", rule["rule"], key, "<-", rule["source"]["region"])
`;
