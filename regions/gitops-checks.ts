import { isObj, Issue, Loose } from './loose-input';

/**
 * The GitOps loop's checks that span the catalogue: a team in Argo CD's SSO mapping is an access grant with
 * namespaces (its project is derived from them); every entry with Argo CD can read the repository credentials
 * (an Azure entry needs a Key Vault, `artifactory.keyVault`, for its secret store).
 */
export function gitOpsIssues(raw: Loose, entries: readonly { e: Loose; i: number }[], issue: Issue): void {
  const gitops = isObj(raw.gitops) ? raw.gitops : undefined;
  for (const { e, i } of entries) {
    const cluster = isObj(e.cluster) ? e.cluster : {};
    const argo = isObj(cluster.argoCd) ? cluster.argoCd : undefined;
    const access = isObj(cluster.access) ? cluster.access : {};
    const teams = isObj(argo?.sso) && isObj(argo.sso.teams) ? argo.sso.teams : {};
    for (const team of Object.keys(teams)) {
      const grant = access[team];
      const at = ['regions', i, 'cluster', 'argoCd', 'sso', 'teams', team];
      if (!isObj(grant)) issue(at, `no access grant "${team}" in this entry (have: ${Object.keys(access).join(', ') || 'none'}); a team is an access grant with namespaces`);
      else if (!Array.isArray(grant.namespaces)) issue(at, `access grant "${team}" has no namespaces: its Argo CD project would have no destination`);
    }
    const keyVault = isObj(e.artifactory) && e.artifactory.keyVault !== undefined;
    // One cause, one line: SSO on such an entry already says it needs the vault.
    if (gitops?.credentials !== undefined && argo && !isObj(argo.sso) && e.cloud === 'azure' && !keyVault) {
      issue(['regions', i, 'cluster', 'argoCd'], 'gitops.credentials: this Azure entry has no secret store to read them from (give artifactory.keyVault)');
    }
  }
}
