// Checks what kustomize renders for deploy/k8s (run by scripts/check-k8s.sh, which renders every overlay into
// rendered/<overlay>.yaml first and runs `npm ci` here).
//
// 1. Types: every rendered document is written to generated/<overlay>/NN-<kind>-<name>.ts as
//    `({...}) satisfies I<Kind>` against the published models (kubernetes-models, @kubernetes-models/keda,
//    @kubernetes-models/prometheus-operator) or crds.ts (RabbitmqCluster, CloudNativePG Cluster), and `tsc --noEmit`
//    (strict) must pass: wrong types, missing required fields and unknown fields fail. The models' validate() runs too
//    (formats, enums, patterns), and for the two CRDs the constraints of their schemas that types cannot state.
// 2. The deployment against the code (which queues the services declare and which options they bind is checked
//    against the built services, the queues on a real broker, by tests/Monitoring.EndToEnd.Tests/DeploymentTests.cs):
//    - rabbitmq triggers: one per queue, a plain name, over the management API, the vhost the services use;
//    - secret-like variables come from a secretKeyRef, $(…) references resolve, the settings every service needs exist;
//    - probes /health/live (startup, liveness) and /health/ready (readiness) on the port named http, which is the
//      API port `Urls` sets and the csproj's ContainerPort; /metrics on the port named metrics, Metrics__Port; images are the csproj's ContainerRepository;
//    - jobs: every scrape job of deploy/prometheus/prometheus.yml comes out of exactly one PodMonitor endpoint, with
//      the same path and parameters; the PrometheusRules are deploy/prometheus/rules/*.yml and the dashboard
//      ConfigMaps deploy/grafana/dashboards/*.json (parsed and compared).
// 3. Policies: no Secret carries a value and every secret-like variable comes from a secretKeyRef; containers are
//    non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp and a /tmp emptyDir, and the
//    grace period outlasts the drain; network policies deny by default and only alerts reaches the internet (443,
//    private ranges excepted); production: each Deployment is targeted by exactly one ScaledObject (2 ≤ min ≤ max,
//    fallback, slow scale-down, the exam pre-scaling trigger, the thresholds docs/exam-peak-scaling.md simulated),
//    has a PodDisruptionBudget and topology spread, no replicas field and no `latest` image, and the pools at maximum
//    scale fit max_connections; local: one replica each and no ScaledObject.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as keda from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as monitoring from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const renderedDir = join(here, 'rendered');
const generatedDir = join(here, 'generated');
const SERVICES = ['ingest', 'scoring', 'alerts', 'notice'];
// The centers' console: a host like the services (ports, probes, image, security, scrape job) but without a broker or a
// database, one fixed replica (its session keys are in memory) and reaching only the services' APIs.
const CONSOLE = 'console';
const HOSTS = [...SERVICES, CONSOLE];
const OVERLAYS = readdirSync(join(here, '../overlays')).sort();

const errors = [];
const notes = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);

// Kinds the deployment may contain: the type to satisfy and the model to validate with (none for the two CRDs).
const KINDS = {
  'v1/Namespace': { type: 'INamespace', from: 'kubernetes-models/v1/Namespace', model: core.Namespace },
  'v1/ConfigMap': { type: 'IConfigMap', from: 'kubernetes-models/v1/ConfigMap', model: core.ConfigMap },
  'v1/Secret': { type: 'ISecret', from: 'kubernetes-models/v1/Secret', model: core.Secret },
  'v1/Service': { type: 'IService', from: 'kubernetes-models/v1/Service', model: core.Service },
  'v1/ServiceAccount': { type: 'IServiceAccount', from: 'kubernetes-models/v1/ServiceAccount', model: core.ServiceAccount },
  'apps/v1/Deployment': { type: 'IDeployment', from: 'kubernetes-models/apps/v1/Deployment', model: apps.Deployment },
  'policy/v1/PodDisruptionBudget': { type: 'IPodDisruptionBudget', from: 'kubernetes-models/policy/v1/PodDisruptionBudget', model: policy.PodDisruptionBudget },
  'networking.k8s.io/v1/NetworkPolicy': { type: 'INetworkPolicy', from: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy', model: networking.NetworkPolicy },
  'keda.sh/v1alpha1/ScaledObject': { type: 'IScaledObject', from: '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', model: keda.ScaledObject },
  'keda.sh/v1alpha1/TriggerAuthentication': { type: 'ITriggerAuthentication', from: '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication', model: keda.TriggerAuthentication },
  'monitoring.coreos.com/v1/PodMonitor': { type: 'IPodMonitor', from: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor', model: monitoring.PodMonitor },
  'monitoring.coreos.com/v1/ServiceMonitor': { type: 'IServiceMonitor', from: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor', model: monitoring.ServiceMonitor },
  'monitoring.coreos.com/v1/PrometheusRule': { type: 'IPrometheusRule', from: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule', model: monitoring.PrometheusRule },
  'rabbitmq.com/v1beta1/RabbitmqCluster': { type: 'IRabbitmqCluster', from: '../../crds', validate: validateRabbitmqCluster },
  'postgresql.cnpg.io/v1/Cluster': { type: 'ICluster', from: '../../crds', validate: validateCnpgCluster },
};

// ---------------------------------------------------------------------------------------------------------------
// What the code says

const read = (path) => readFileSync(join(repo, path), 'utf8');

function csprojContainer(service) {
  const dir = `services/${service}`;
  const file = readdirSync(join(repo, dir)).find((f) => f.endsWith('.csproj'));
  const text = read(join(dir, file));
  return {
    file: join(dir, file),
    repository: /<ContainerRepository>([^<]+)</.exec(text)?.[1],
    port: Number(/<ContainerPort\s+Include="(\d+)"/.exec(text)?.[1]),
    user: /<ContainerUser>([^<]+)</.exec(text)?.[1],
  };
}

function scrapeJobs() {
  const config = parse(read('deploy/prometheus/prometheus.yml'));
  return new Map(config.scrape_configs.map((job) => [job.job_name, job]));
}

// ---------------------------------------------------------------------------------------------------------------
// CRD constraints beyond the types (from the CRDs cited in crds.ts)

function validateRabbitmqCluster(doc) {
  const spec = doc.spec ?? {};
  const problems = [];
  if (spec.replicas !== undefined && !(Number.isInteger(spec.replicas) && spec.replicas >= 0)) problems.push('spec.replicas: integer >= 0');
  if (spec.replicas !== undefined && spec.replicas % 2 === 0) problems.push('spec.replicas: an odd number (one quorum per partition)');
  for (const plugin of spec.rabbitmq?.additionalPlugins ?? [])
    if (!/^\w+$/.test(plugin) || plugin.length > 100) problems.push(`spec.rabbitmq.additionalPlugins: ${plugin} must match ^\\w+$ (max 100)`);
  for (const key of ['additionalConfig', 'advancedConfig', 'envConfig'])
    if ((spec.rabbitmq?.[key] ?? '').length > 100000) problems.push(`spec.rabbitmq.${key}: at most 100000 characters`);
  return problems;
}

function validateCnpgCluster(doc) {
  const spec = doc.spec ?? {};
  const problems = [];
  if (!(Number.isInteger(spec.instances) && spec.instances >= 1)) problems.push('spec.instances: integer >= 1');
  const sync = spec.postgresql?.synchronous;
  if (sync && !(sync.number > 0)) problems.push('spec.postgresql.synchronous.number: > 0');
  if (sync && sync.number >= spec.instances) problems.push('spec.postgresql.synchronous.number: fewer than the instances');
  for (const [name, value] of Object.entries(spec.postgresql?.parameters ?? {}))
    if (typeof value !== 'string') problems.push(`spec.postgresql.parameters.${name}: a string`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendered documents

function load(overlay) {
  const text = readFileSync(join(renderedDir, `${overlay}.yaml`), 'utf8');
  // YAML 1.1, as the API server's decoder reads what kubectl sends (octal modes, yes/no).
  const docs = parseAllDocuments(text, { version: '1.1' });
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) fail(overlay, doc.errors.map((e) => e.message).join('; '));
    const value = doc.toJS();
    if (value !== null) out.push(value);
  }
  return out;
}

const kindKey = (doc) => `${doc.apiVersion}/${doc.kind}`;
const id = (overlay, doc) => `${overlay}: ${doc.kind}/${doc.metadata?.name}`;

function typeCheck(overlay, docs) {
  const dir = join(generatedDir, overlay);
  mkdirSync(dir, { recursive: true });
  docs.forEach((doc, i) => {
    const known = KINDS[kindKey(doc)];
    if (!known) {
      fail(id(overlay, doc), `no model for ${kindKey(doc)}: add it to KINDS (and crds.ts for a CRD)`);
      return;
    }
    const file = `${String(i).padStart(2, '0')}-${doc.kind.toLowerCase()}-${doc.metadata?.name}.ts`;
    writeFileSync(join(dir, file), [
      `// ${overlay}: ${doc.kind} ${doc.metadata?.name} (generated by check.mjs)`,
      `import type { ${known.type} } from '${known.from}';`,
      '',
      `export const document = (${JSON.stringify(doc, null, 2)}) satisfies ${known.type};`,
      '',
    ].join('\n'));
    try {
      if (known.model) new known.model(doc).validate();
    } catch (e) {
      fail(id(overlay, doc), `validate(): ${e.message}`);
    }
    for (const problem of known.validate?.(doc) ?? []) fail(id(overlay, doc), problem);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks on one overlay

function checkOverlay(overlay, docs, code) {
  const of = (kind) => docs.filter((d) => d.kind === kind);
  const named = (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
  const deployments = of('Deployment');
  const namespace = deployments[0]?.metadata?.namespace;
  const production = overlay === 'production';

  if (!namespace) fail(overlay, 'the overlay sets no namespace');
  for (const doc of docs)
    if (doc.kind !== 'Namespace' && doc.metadata?.namespace !== namespace) fail(id(overlay, doc), `namespace ${doc.metadata?.namespace}, not ${namespace}`);
  if (JSON.stringify(docs).includes('NAMESPACE')) fail(overlay, 'a NAMESPACE placeholder survived (see components/keda)');

  // Secrets: referenced, never carried.
  for (const secret of of('Secret'))
    for (const key of ['data', 'stringData'])
      if (secret[key] && Object.values(secret[key]).some((v) => v !== '' && v !== null)) fail(id(overlay, secret), `${key} carries values`);
  for (const cm of of('ConfigMap'))
    for (const key of Object.keys(cm.data ?? {}))
      if (/password|secret|hashkey|__hash$/i.test(key)) fail(id(overlay, cm), `${key} looks like a secret: take it from a secretKeyRef`);

  const configMapData = (name) => named('ConfigMap', name)?.data;
  const deploymentsByService = new Map();
  for (const service of HOSTS) {
    const deployment = named('Deployment', service);
    if (!deployment) {
      fail(overlay, `no Deployment ${service}`);
      continue;
    }
    deploymentsByService.set(service, deployment);
    const where = id(overlay, deployment);
    const pod = deployment.spec.template.spec;
    const container = pod.containers.find((c) => c.name === service);
    if (!container || pod.containers.length !== 1) {
      fail(where, `one container named ${service}`);
      continue;
    }

    // Environment (whether each variable is an option the service binds: DeploymentTests).
    const variables = new Map(); // name → { value?, valueFrom? , source }
    for (const from of container.envFrom ?? []) {
      const data = configMapData(from.configMapRef?.name);
      if (!data) fail(where, `envFrom ${JSON.stringify(from)} is not a ConfigMap of the overlay`);
      for (const [k, v] of Object.entries(data ?? {})) variables.set(k, { value: v, source: from.configMapRef.name });
    }
    for (const e of container.env ?? []) variables.set(e.name, { ...e, source: 'env' });
    for (const e of container.env ?? [])
      for (const m of String(e.value ?? '').matchAll(/\$\((\w+)\)/g))
        if (!variables.has(m[1])) fail(where, `${e.name} uses $(${m[1]}), which the container does not define`);
    for (const [name, v] of variables) {
      if (/password|secretkey|hashkey|__hash$/i.test(name) && !v.valueFrom?.secretKeyRef)
        fail(where, `${name} must come from a secretKeyRef`);
    }
    if (service === CONSOLE) {
      // The four APIs by their Services in the namespace; nothing of the broker or the database.
      for (const api of SERVICES) {
        const address = variables.get(`Console__${api[0].toUpperCase()}${api.slice(1)}`)?.value;
        if (address !== `http://${api}`) fail(where, `Console__${api[0].toUpperCase()}${api.slice(1)} is ${address}, not http://${api} (the Service)`);
      }
      for (const name of variables.keys())
        if (/^(RabbitMq__|Database__|DB_)/.test(name)) fail(where, `${name}: the console reaches no broker or database`);
      if (!variables.has('Urls')) fail(where, 'no Urls');
    } else {
      for (const required of ['RabbitMq__Host', 'RabbitMq__Username', 'RabbitMq__Password', 'Database__ConnectionString', 'Urls'])
        if (!variables.has(required)) fail(where, `no ${required}`);
      if (variables.get('RabbitMq__QuorumQueues')?.value !== 'true') fail(where, 'RabbitMq__QuorumQueues must be true (a clustered broker)');
    }

    // Ports: Urls names the API's port (the container port named http, the csproj's ContainerPort, probes, Service)
    // and Metrics__Port's (the container port named metrics, the PodMonitor's), and nothing else.
    const urls = variables.get('Urls')?.value ?? '';
    const urlPorts = urls.split(';').map((u) => Number(/:(\d+)\/?$/.exec(u.trim())?.[1]));
    const metricsPort = Number(variables.get('Metrics__Port')?.value);
    const http = (container.ports ?? []).find((p) => p.name === 'http');
    const metricsContainerPort = (container.ports ?? []).find((p) => p.name === 'metrics');
    const urlPort = urlPorts.find((p) => p !== metricsPort);
    const csproj = code.containers.get(service);
    if (!(metricsPort > 0) || !urlPorts.includes(metricsPort)) fail(where, `Metrics__Port (${variables.get('Metrics__Port')?.value}) must be one of the ports Urls sets (${urls})`);
    if (urlPorts.length !== 2) fail(where, `Urls must name the API's port and the metrics port (${urls})`);
    if (!metricsContainerPort || metricsContainerPort.containerPort !== metricsPort) fail(where, `port metrics (${metricsContainerPort?.containerPort}) is not Metrics__Port (${metricsPort})`);
    if (!http || http.containerPort !== urlPort) fail(where, `port http (${http?.containerPort}) is not the API port Urls sets (${urls})`);
    if (csproj.port !== urlPort) fail(csproj.file, `ContainerPort ${csproj.port} is not the API port Urls sets (${urlPort})`);
    const probes = { startupProbe: '/health/live', livenessProbe: '/health/live', readinessProbe: '/health/ready' };
    for (const [probe, path] of Object.entries(probes)) {
      const get = container[probe]?.httpGet;
      if (get?.path !== path) fail(where, `${probe} must GET ${path} (has ${get?.path})`);
      if (get && get.port !== 'http' && get.port !== urlPort) fail(where, `${probe} port ${get.port} is not the service's port`);
    }
    const svc = named('Service', service);
    if (!svc) fail(overlay, `no Service ${service}`);
    else if (!svc.spec.ports.every((p) => p.targetPort === 'http' || p.targetPort === urlPort)) fail(id(overlay, svc), 'targetPort is not the service port');
    if (svc && !Object.entries(svc.spec.selector ?? {}).every(([k, v]) => deployment.spec.template.metadata.labels?.[k] === v)) fail(id(overlay, svc), 'selector does not match the pods');

    // Image: the csproj's repository.
    const [repository, tag] = container.image.split(/:(?=[^/:]+$)/);
    if (!csproj.repository || !(repository === csproj.repository || repository.endsWith('/' + csproj.repository)))
      fail(where, `image ${container.image} is not ${csproj.repository} (ContainerRepository of ${csproj.file})`);
    if (production && (!tag || tag === 'latest')) fail(where, `image ${container.image}: production deploys a release tag, not latest`);

    // Security.
    const psc = pod.securityContext ?? {};
    const csc = container.securityContext ?? {};
    if (psc.runAsNonRoot !== true || psc.seccompProfile?.type !== 'RuntimeDefault') fail(where, 'pod: runAsNonRoot and seccomp RuntimeDefault');
    if (String(psc.runAsUser) !== csproj.user) fail(where, `runAsUser ${psc.runAsUser} is not the image's ContainerUser ${csproj.user}`);
    if (csc.readOnlyRootFilesystem !== true || csc.allowPrivilegeEscalation !== false || !(csc.capabilities?.drop ?? []).includes('ALL'))
      fail(where, 'container: readOnlyRootFilesystem, no privilege escalation, drop ALL capabilities');
    const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
    if (!tmp || !(pod.volumes ?? []).find((v) => v.name === tmp.name)?.emptyDir) fail(where, '/tmp must be an emptyDir');
    if (pod.automountServiceAccountToken !== false) fail(where, 'automountServiceAccountToken must be false');
    const drain = Number(variables.get('ShutdownTimeoutSeconds')?.value ?? 30);
    const pause = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    if (!(pod.terminationGracePeriodSeconds > drain + pause)) fail(where, `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} must exceed ${drain} s drain + ${pause} s preStop`);
    for (const kind of ['requests', 'limits'])
      for (const r of ['cpu', 'memory']) if (!container.resources?.[kind]?.[r]) fail(where, `resources.${kind}.${r} missing`);

    // Scaling.
    if (service === CONSOLE) {
      if (deployment.spec.replicas !== 1) fail(where, `replicas ${deployment.spec.replicas}, not 1: a second replica needs a shared Data Protection key ring`);
    } else if (production) {
      if (deployment.spec.replicas !== undefined) fail(where, 'replicas is set: the HPA KEDA creates owns it');
      if ((pod.topologySpreadConstraints ?? []).length === 0) fail(where, 'no topologySpreadConstraints');
      if (container.resources?.requests?.memory !== container.resources?.limits?.memory) fail(where, 'memory request must equal its limit');
      const budgets = of('PodDisruptionBudget').filter((b) => Object.entries(b.spec.selector?.matchLabels ?? {}).every(([k, v]) => deployment.spec.template.metadata.labels?.[k] === v));
      if (budgets.length !== 1) fail(where, `${budgets.length} PodDisruptionBudgets select its pods, not 1`);
    } else if (deployment.spec.replicas !== 1) fail(where, `replicas ${deployment.spec.replicas}, not 1`);
  }
  for (const d of deployments) if (!HOSTS.includes(d.metadata.name)) fail(id(overlay, d), 'not one of the four services or the console');

  // KEDA.
  const scaledObjects = of('ScaledObject');
  if (!production && scaledObjects.length > 0) fail(overlay, 'ScaledObjects in an overlay that runs one replica of each');
  if (production) {
    const virtualHost = configMapData(deploymentsByService.get('ingest')?.spec.template.spec.containers[0].envFrom?.[0]?.configMapRef?.name)?.RabbitMq__VirtualHost;
    for (const deployment of deployments.filter((d) => d.metadata.name !== CONSOLE)) {
      const targets = scaledObjects.filter((s) => (s.spec.scaleTargetRef.kind ?? 'Deployment') === 'Deployment' && s.spec.scaleTargetRef.name === deployment.metadata.name);
      if (targets.length !== 1) fail(id(overlay, deployment), `targeted by ${targets.length} ScaledObjects, not 1`);
    }
    if (scaledObjects.some((s) => s.spec.scaleTargetRef.name === CONSOLE)) fail(overlay, 'a ScaledObject targets the console, which runs one replica');
    // docs/exam-peak-scaling.md simulated these numbers: it must be written again when they change.
    const simulated = new Map([...read('docs/exam-peak-scaling.md').matchAll(/^\| (\w+) \| (\d+) \| (\d+) \| ([\d,]+) \|$/gm)]
      .map((m) => [m[1], `${m[2]}..${m[3]} per ${m[4].replace(/,/g, '')}`]));
    for (const so of scaledObjects) {
      const exam = so.spec.triggers.find((t) => t.name === 'exam-candidates-next-hour');
      const actual = `${so.spec.minReplicaCount}..${so.spec.maxReplicaCount} per ${exam?.metadata.threshold}`;
      if (simulated.get(so.metadata.name) !== actual)
        fail('docs/exam-peak-scaling.md', `simulated ${so.metadata.name} with ${simulated.get(so.metadata.name)}, the ScaledObject has ${actual}: run bench/exam-peak-scaling/simulate.py`);
    }
    for (const so of scaledObjects) {
      const where = id(overlay, so);
      const service = so.spec.scaleTargetRef.name;
      if (!deploymentsByService.has(service)) fail(where, `targets ${service}, which is not a Deployment of the overlay`);
      const { minReplicaCount: min, maxReplicaCount: max } = so.spec;
      if (!(min >= 2 && max >= min)) fail(where, `replicas ${min}..${max}: at least 2, max >= min`);
      if (!(so.spec.fallback?.failureThreshold > 0 && so.spec.fallback?.replicas >= min)) fail(where, 'fallback with failureThreshold > 0 and replicas >= min');
      const down = so.spec.advanced?.horizontalPodAutoscalerConfig?.behavior?.scaleDown;
      if (!(down?.stabilizationWindowSeconds >= 300)) fail(where, 'scale-down stabilization of at least 5 minutes');
      const triggers = so.spec.triggers;
      const exam = triggers.filter((t) => t.type === 'prometheus' && /monitoring_scoring_exam_candidates\{[^}]*window="next_1h"/.test(t.metadata.query));
      if (exam.length !== 1) fail(where, 'one prometheus trigger on monitoring_scoring_exam_candidates{window="next_1h"}');
      for (const t of triggers.filter((t) => t.type === 'prometheus')) {
        if (!/^max\(|^sum\(/.test(t.metadata.query)) fail(where, `${t.name}: aggregate the query to one value`);
        if (!t.metadata.query.includes(`namespace="${namespace}"`)) fail(where, `${t.name}: the query must select namespace="${namespace}"`);
        if (!(Number(t.metadata.threshold) > 0)) fail(where, `${t.name}: threshold`);
      }
      const rabbit = triggers.filter((t) => t.type === 'rabbitmq');
      if (service === 'ingest') {
        if (!triggers.some((t) => t.type === 'prometheus' && /http_requests_received_total\{[^}]*job="ingest"/.test(t.metadata.query))) fail(where, 'ingest scales on its request rate');
      } else {
        // Which queues: the ones the service declares on a real broker (DeploymentTests).
        const watched = new Map(rabbit.map((t) => [t.metadata.queueName, t]));
        if (rabbit.length === 0) fail(where, `no rabbitmq trigger for ${service}`);
        if (watched.size !== rabbit.length) fail(where, 'two rabbitmq triggers on one queue');
        for (const q of watched.keys()) if (!q.startsWith(`${service}-`)) fail(where, `${q} is not a queue of ${service}`);
        for (const t of rabbit) {
          const m = t.metadata;
          const on = `rabbitmq trigger ${m.queueName}`;
          if (m.protocol !== 'http') fail(where, `${on}: protocol http (unacknowledged messages count)`);
          if (m.mode !== 'QueueLength' || !(Number(m.value) > 0)) fail(where, `${on}: mode QueueLength with a value`);
          if (m.excludeUnacknowledged === 'true') fail(where, `${on}: unacknowledged messages must count`);
          if (m.useRegex !== undefined) fail(where, `${on}: a plain queue name, no regex`);
          if (m.vhostName === undefined || m.vhostName !== virtualHost) fail(where, `${on}: vhostName ${m.vhostName}, the services use ${virtualHost}`);
          if (m.host !== `http://monitoring-rabbitmq.${namespace}.svc:15672`) fail(where, `${on}: host ${m.host}`);
          const auth = named(t.authenticationRef?.kind ?? 'TriggerAuthentication', t.authenticationRef?.name);
          const params = new Set((auth?.spec.secretTargetRef ?? []).filter((r) => r.name === 'monitoring-rabbitmq-default-user').map((r) => r.parameter));
          if (!params.has('username') || !params.has('password')) fail(where, `${on}: a TriggerAuthentication with username and password from monitoring-rabbitmq-default-user`);
        }
      }
    }
  }

  // Monitoring: scrape jobs as deploy/prometheus/prometheus.yml names them.
  const endpoints = [...of('PodMonitor').flatMap((m) => m.spec.podMetricsEndpoints.map((e) => ({ monitor: m, e }))),
    ...of('ServiceMonitor').flatMap((m) => m.spec.endpoints.map((e) => ({ monitor: m, e })))];
  const jobOf = ({ e }) => (e.relabelings ?? []).filter((r) => r.targetLabel === 'job' && (r.action ?? 'replace') === 'replace').map((r) => r.replacement).at(-1);
  for (const [job, config] of code.jobs) {
    const found = endpoints.filter((x) => jobOf(x) === job);
    if (found.length !== 1) {
      fail(overlay, `scrape job ${job} (deploy/prometheus/prometheus.yml) comes from ${found.length} monitor endpoints, not 1`);
      continue;
    }
    const { monitor, e } = found[0];
    const where = id(overlay, monitor);
    if ((e.path ?? '/metrics') !== (config.metrics_path ?? '/metrics')) fail(where, `path ${e.path}, prometheus.yml has ${config.metrics_path}`);
    if (!isDeepStrictEqual(e.params ?? {}, config.params ?? {})) fail(where, `params ${JSON.stringify(e.params)} differ from prometheus.yml's`);
    const drops = (x) => (x ?? []).filter((r) => r.action === 'drop').map((r) => r.regex).sort();
    if (!isDeepStrictEqual(drops(e.metricRelabelings), drops(config.metric_relabel_configs))) fail(where, 'metric drops differ from prometheus.yml\'s');
    if (HOSTS.includes(job)) {
      const deployment = deploymentsByService.get(job);
      const labels = deployment?.spec.template.metadata.labels ?? {};
      if (!Object.entries(monitor.spec.selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)) fail(where, `selector does not match ${job}'s pods`);
      if (e.port !== 'metrics' || (e.path ?? '/metrics') !== '/metrics') fail(where, 'scrapes /metrics on port metrics (Metrics__Port: /metrics answers there only)');
    }
  }
  for (const x of endpoints) if (!code.jobs.has(jobOf(x))) fail(id(overlay, x.monitor), `job ${jobOf(x)} is not a job of deploy/prometheus/prometheus.yml`);

  // The generated PrometheusRules and dashboards, parsed, against their sources.
  for (const file of readdirSync(join(repo, 'deploy/prometheus/rules')).filter((f) => f.endsWith('.yml')).sort()) {
    const rule = named('PrometheusRule', `skills-monitoring-${basename(file, '.yml')}`);
    const source = parse(read(`deploy/prometheus/rules/${file}`)).groups;
    if (!rule || !isDeepStrictEqual(rule.spec.groups, source)) fail(overlay, `PrometheusRule skills-monitoring-${basename(file, '.yml')} is not deploy/prometheus/rules/${file}: run deploy/k8s/generate.sh`);
  }
  for (const file of readdirSync(join(repo, 'deploy/grafana/dashboards')).filter((f) => f.endsWith('.json')).sort()) {
    const cm = named('ConfigMap', `grafana-dashboard-${basename(file, '.json')}`);
    if (!cm || cm.data?.[file] !== read(`deploy/grafana/dashboards/${file}`) || cm.metadata.labels?.grafana_dashboard !== '1')
      fail(overlay, `ConfigMap grafana-dashboard-${basename(file, '.json')} is not deploy/grafana/dashboards/${file} labelled grafana_dashboard=1: run deploy/k8s/generate.sh`);
  }

  // Network policies.
  const policies = of('NetworkPolicy');
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && p.spec.policyTypes?.includes('Ingress') && (p.spec.ingress ?? []).length === 0);
  if (!denyAll) fail(overlay, 'no default-deny ingress NetworkPolicy (podSelector {})');
  const selects = (p, labels) => Object.entries(p.spec.podSelector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  for (const [service, deployment] of deploymentsByService) {
    const labels = deployment.spec.template.metadata.labels;
    const egress = policies.filter((p) => selects(p, labels) && p.spec.policyTypes?.includes('Egress'));
    if (!egress.some((p) => (p.spec.egress ?? []).length === 0)) fail(overlay, `${service}: no default-deny egress policy`);
    const wide = egress.flatMap((p) => (p.spec.egress ?? []).filter((r) => (r.to ?? []).length === 0 || r.to.some((t) => t.ipBlock)).map((r) => ({ p, r })));
    if (service !== 'alerts' && wide.length > 0) fail(overlay, `${service}: egress beyond the broker, the database and DNS (${wide.map((w) => w.p.metadata.name).join(', ')})`);
    if (service === CONSOLE) {
      const ports = egress.flatMap((p) => (p.spec.egress ?? []).flatMap((r) => (r.ports ?? [{ port: 'any' }]).map((x) => x.port)));
      if (ports.some((port) => port !== 53 && port !== 8080)) fail(overlay, `console: egress on ports ${[...new Set(ports)]}, only DNS and the services' 8080`);
    }
    if (service === 'alerts') {
      for (const { p, r } of wide) {
        const ports = (r.ports ?? []).map((x) => x.port);
        if (!isDeepStrictEqual(ports, [443])) fail(id(overlay, p), `internet egress on ports ${ports}, only 443`);
        const v4 = r.to.find((t) => t.ipBlock?.cidr === '0.0.0.0/0')?.ipBlock.except ?? [];
        for (const range of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'])
          if (!v4.includes(range)) fail(id(overlay, p), `0.0.0.0/0 must except ${range}`);
        if (r.to.some((t) => !t.ipBlock || (t.ipBlock.except ?? []).length === 0)) fail(id(overlay, p), 'every internet block excepts the private ranges');
      }
      if (wide.length === 0) fail(overlay, 'alerts: no egress for webhooks on 443');
    }
  }

  // The broker and the database: three of each in production, one locally.
  const rabbit = named('RabbitmqCluster', 'monitoring-rabbitmq');
  const pg = named('Cluster', 'monitoring-db');
  if ((rabbit?.spec?.replicas ?? 1) !== (production ? 3 : 1)) fail(overlay, `RabbitmqCluster replicas ${rabbit?.spec?.replicas}`);
  if (pg?.spec?.instances !== (production ? 3 : 1)) fail(overlay, `Cluster instances ${pg?.spec?.instances}`);
  if (production) {
    // The connection budget: pools × maximum replicas within max_connections (less a margin for the operator).
    const maxConnections = Number(pg?.spec?.postgresql?.parameters?.max_connections ?? 100);
    let budget = 0;
    for (const [service, deployment] of [...deploymentsByService].filter(([name]) => name !== CONSOLE)) {
      const container = deployment.spec.template.spec.containers[0];
      const options = container.env?.find((e) => e.name === 'DB_OPTIONS');
      const pool = Number(/Maximum Pool Size=(\d+)/.exec(configMapData(options?.valueFrom?.configMapKeyRef?.name)?.DB_OPTIONS ?? '')?.[1] ?? 100);
      const max = scaledObjects.find((s) => s.spec.scaleTargetRef.name === service)?.spec.maxReplicaCount ?? 1;
      budget += pool * max;
    }
    if (budget > maxConnections - 20) fail(overlay, `pools × max replicas = ${budget} connections, over max_connections ${maxConnections} less 20`);
    notes.push(`${overlay}: database connections at maximum scale ${budget} of ${maxConnections}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------

const code = {
  containers: new Map(HOSTS.map((s) => [s, csprojContainer(s)])),
  jobs: scrapeJobs(),
};

rmSync(generatedDir, { recursive: true, force: true });
const counts = [];
for (const overlay of OVERLAYS) {
  const docs = load(overlay);
  counts.push(`${overlay} ${docs.length}`);
  typeCheck(overlay, docs);
  checkOverlay(overlay, docs, code);
}

const tsc = spawnSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')], { encoding: 'utf8' });
if (tsc.status !== 0) {
  const out = (tsc.stdout + tsc.stderr).trim().split('\n');
  fail('tsc --noEmit --strict', `${out.length} lines of errors:\n${out.slice(0, 60).join('\n')}${out.length > 60 ? '\n…' : ''}`);
}

for (const note of notes) console.log(`check-k8s: ${note}`);
if (errors.length > 0) {
  for (const error of errors) console.error(`check-k8s: ${error}`);
  console.error(`check-k8s: ${errors.length} problems in the rendered overlays (${counts.join(', ')} documents)`);
  process.exit(1);
}
console.log(`check-k8s: rendered documents type-checked and consistent with the code (${counts.join(', ')} documents)`);
