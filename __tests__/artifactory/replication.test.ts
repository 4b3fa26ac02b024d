import { quartzCronProblem } from '../../lib/artifactory/quartz-cron';
import { replicationFor } from '../../regions/replication-topology';
import { defaultCatalogue } from '../../regions/catalogue';
import { catalogueCopy, problemsOf } from '../support/catalogue';

describe('Quartz cron', () => {
  it.each(['0 0/15 * * * ?', '0 0 2 * * ?', '0 30 1 ? * MON-FRI', '0 0 0 1 * ? 2030', '0 0 12 L * ?', '0 0 6 ? * 2#1'])('accepts %s', (expr) => {
    expect(quartzCronProblem(expr)).toBeUndefined();
  });
  it.each([
    ['*/5 * * * *', 'Quartz cron has 6 or 7 fields (seconds first), got 5'],
    ['0 0 25 * * ?', 'hours: "25" is outside 0-23'],
    ['0 0 2 * * *', "exactly one of day-of-month and day-of-week must be '?'"],
    ['0 0 2 ? * ?', "exactly one of day-of-month and day-of-week must be '?'"],
    ['0 0/0 * * * ?', 'minutes: bad step "0" in "0/0"'],
    ['0 0 5-2 * * ?', 'hours: range "5-2" runs backwards'],
    ['0 0 2 * FOO ?', 'month: "FOO" is not a value, range or step'],
    ['? 0 2 * * ?', "'?' is only allowed in day-of-month or day-of-week"],
  ])('rejects %s', (expr, problem) => {
    expect(quartzCronProblem(expr)).toBe(problem);
  });
});

describe('replication topology validation', () => {
  const cases: [string, (c: any) => void, string[]][] = [
    ['a replica naming an unknown region', (c) => (c.replication.rules.docker.to = ['prod-weu', 'prod-mars']), ['replication.rules.docker.to.1: no catalogue entry has this id (got "prod-mars")']],
    ['a region replicating to itself', (c) => (c.replication.rules.libs.to = ['prod-use1']), ['replication.rules.libs.to.0: a region cannot replicate to itself (got "prod-use1")']],
    ['a cycle', (c) => (c.replication.rules.back = { repositories: ['docker-local'], from: 'prod-weu', to: ['prod-use1'], mode: 'push', schedule: '0 0 * * * ?' }), [
      'replication.rules.back.repositories: docker-local replicates in a cycle: prod-use1 → prod-weu → prod-use1',
    ]],
    ['an invalid cron', (c) => (c.replication.rules.helm.schedule = '0 * * * *'), ['replication.rules.helm.schedule: invalid cron: Quartz cron has 6 or 7 fields (seconds first), got 5 (got "0 * * * *")']],
    ['no schedule', (c) => delete c.replication.rules.helm.schedule, ["replication.rules.helm.schedule: a schedule is required: JFrog's replication API takes a cron even with eventBased (a full sync behind the events)"]],
    ['event-based without a schedule', (c) => ((c.replication.rules.docker.schedule = undefined), (c.replication.rules.docker.eventBased = true)), ["replication.rules.docker.schedule: a schedule is required: JFrog's replication API takes a cron even with eventBased (a full sync behind the events)"]],
    ['a pull rule naming a local repository', (c) => (c.replication.rules.helm.repositories = ['helm-local']), ['replication.rules.helm.repositories.0: pull replication runs on the target\'s remote repositories; name those (such as helm-remote), not the source\'s local one (got "helm-local")']],
    ['a target without an Artifactory role', (c) => (c.replication.rules.libs.to = ['staging-usw2']), ['replication.rules.libs.to.0: this region has no Artifactory role (got "staging-usw2")']],
    ['a source without an Artifactory role', (c) => (c.replication.rules.libs.from = 'dev-use1'), ['replication.rules.libs.from: this region has no Artifactory role (got "dev-use1")']],
    ['multi-push on a Pro license', (c) => ((c.replication.license = 'pro'), (c.regions[2].artifactory.replicas = 1)), [
      'replication.rules.docker.to: pushing to 2 targets (multi-push) needs an Enterprise license (replication.license is pro)',
    ]],
    ['event-based pull on a Pro license', (c) => ((c.replication.license = 'pro'), (c.regions[2].artifactory.replicas = 1), (c.replication.rules.docker.to = ['prod-weu']), (c.replication.rules.helm.eventBased = true)), [
      'replication.rules.helm.eventBased: event-based pull replication needs an Enterprise license (replication.license is pro) (got true)',
    ]],
    ['HA on a Pro license', (c) => ((c.replication.license = 'pro'), (c.replication.rules.docker.to = ['prod-weu'])), [
      'prod-use1.artifactory.replicas: more than one node is Artifactory HA, which needs an Enterprise license (replication.license is pro) (got 2)',
    ]],
    ['an Azure replica without a Key Vault', (c) => delete c.regions[3].artifactory.keyVault, ['prod-weu.artifactory.keyVault: azure entries name the Key Vault holding the Artifactory secrets']],
    ['a bad repository key', (c) => (c.replication.rules.libs.repositories = ['libs release']), ['replication.rules.libs.repositories.0: a repository key or glob (got "libs release")']],
  ];
  it.each(cases)('reports %s in one line', (_name, breakIt, expected) => {
    const c = catalogueCopy();
    breakIt(c);
    expect(problemsOf(c)).toEqual(expected);
  });

  it('reports no primary and two primaries', () => {
    const none = catalogueCopy();
    delete (none.regions[2] as any).artifactory;
    none.replication = { license: 'enterprise', rules: {} };
    expect(problemsOf(none)).toEqual(['catalogue.regions: exactly one entry needs artifactory.role "primary", found none']);
    const two = catalogueCopy();
    (two.regions[4] as any).artifactory.role = 'primary';
    expect(problemsOf(two)).toContain('prod-apse1.artifactory.role: second Artifactory primary (the first is prod-use1); exactly one is allowed (got "primary")');
  });
});

describe('replicationFor', () => {
  const c = defaultCatalogue();

  it('gives the primary its pushes, with each target URL', () => {
    expect(replicationFor(c, 'prod-use1')).toEqual({
      region: 'prod-use1',
      push: [
        { rule: 'docker', repositories: ['docker-local', 'docker-*-local'], cron: '0 0/15 * * * ?', eventBased: true, targets: [
          { region: 'prod-weu', url: 'https://artifactory.prod-weu.kore.example.com/artifactory' },
          { region: 'prod-apse1', url: 'https://artifactory.prod-apse1.kore.example.com/artifactory' },
        ] },
        { rule: 'libs', repositories: ['libs-release-local'], cron: '0 0 2 * * ?', eventBased: false, targets: [{ region: 'prod-apse1', url: 'https://artifactory.prod-apse1.kore.example.com/artifactory' }] },
      ],
      pull: [],
    });
  });

  it('gives each replica its pulls from the primary', () => {
    expect(replicationFor(c, 'prod-weu')).toEqual({
      region: 'prod-weu',
      push: [],
      pull: [{ rule: 'helm', repositories: ['helm-remote'], cron: '0 0 * * * ?', eventBased: false, source: { region: 'prod-use1', url: 'https://artifactory.prod-use1.kore.example.com/artifactory' } }],
    });
    expect(replicationFor(c, 'dev-use1')).toEqual({ region: 'dev-use1', push: [], pull: [] });
  });
});
