// Namespace, Node and EndpointSlice rules. Models pkg/apis/core/validation/validation.go (ValidateNamespace,
// ValidateNode, validateNodeTaints, ValidateNodeUpdate, ValidateNonSpecialIP), pkg/apis/core/v1/defaults.go
// (SetDefaults_Namespace, SetDefaults_NodeStatus), the v1 NodeSpec podCIDR/podCIDRs conversion,
// pkg/registry/core/namespace/strategy.go PrepareForCreate, pkg/apis/discovery/validation/validation.go
// and pkg/apis/discovery/v1/defaults.go + the endpointslice strategy's dropTopologyOnV1.
// Top-level ObjectMeta is validated by the registry (meta.ts) before these run.
import type { FieldError } from '../../model/field';
import { duplicate, forbidden, goQuote, goRendered, invalid, notSupported, required, tooMany } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { isIPv4Bytes, parseCIDRSloppy, parseIPSloppy } from '../../net/ipv4';
import { validateTaintEffect } from './pod';
import { FIELD_IMMUTABLE_MSG, arr, str, strMap, validateKubeFinalizerName, validateLabelName } from './meta';
import { invalidCIDRDetail, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { validateNonSpecialIP } from './service-net';
import type { KindRules } from './types';
import { rec as recOf } from './types';

type R = Record<string, unknown>;
const rec = (v: unknown): R => recOf(v) ?? {};

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = `${e.type}|${e.field}|${JSON.stringify(e.value)}|${e.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---- Namespace ----

export const namespaceRules: KindRules = {
  /**
   * SetDefaults_Namespace (the kubernetes.io/metadata.name label) and namespaceStrategy.PrepareForCreate
   * (status.phase Active; the "kubernetes" finalizer is always present on create).
   */
  default(obj) {
    const meta = (recOf(obj.metadata) ?? (obj.metadata = {})) as R;
    const name = str(meta.name);
    if (name) meta.labels = { ...(strMap(meta.labels) ?? {}), 'kubernetes.io/metadata.name': name };
    const spec = (recOf(obj.spec) ?? (obj.spec = {})) as R;
    const finalizers = arr(spec.finalizers);
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
    obj.status = { phase: 'Active' };
  },
  /** ValidateNamespace minus metadata: spec.finalizers (reported on the list path, no index). */
  validate(obj) {
    const errs: FieldError[] = [];
    for (const f of arr(rec(obj.spec).finalizers)) {
      if (typeof f !== 'string') continue;
      for (const m of isQualifiedName(f)) errs.push(invalid('spec.finalizers', f, m));
      errs.push(...validateKubeFinalizerName(f, 'spec.finalizers'));
    }
    return errs;
  },
  /** ValidateNamespaceUpdate checks metadata only (spec and status are carried over by the strategy). */
  validateUpdate: () => [],
};

// ---- Node ----

const TAINT_EFFECTS_MSG = 'taints must be unique by key and effect pair';

/** validateNodeTaints. Upstream roots the path at `metadata` (fldPath.Child("taints") of metadata). */
function validateNodeTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  arr(taints).forEach((raw, i) => {
    const t = rec(raw);
    const p = `${path}[${i}]`;
    const key = str(t.key) ?? '';
    const value = str(t.value) ?? '';
    const effect = str(t.effect) ?? '';
    errs.push(...validateLabelName(key, `${p}.key`));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(`${p}.value`, value, msgs.join(';')));
    if (!effect) errs.push(required(`${p}.effect`));
    else errs.push(...validateTaintEffect(effect, `${p}.effect`));
    if (unique.get(effect)?.has(key)) {
      const repr = `core.Taint{Key:${goQuote(key)}, Value:${goQuote(value)}, Effect:${goQuote(effect)}, TimeAdded:(*v1.Time)(nil)}`;
      errs.push({ ...duplicate(p, goRendered(repr, t)), detail: TAINT_EFFECTS_MSG });
      return;
    }
    if (!unique.has(effect)) unique.set(effect, new Set());
    unique.get(effect)!.add(key);
  });
  return errs;
}

/** The internal PodCIDRs after v1 → internal conversion (podCIDR wins when the two disagree). */
export function effectivePodCIDRs(spec: R): string[] {
  const single = str(spec.podCIDR) ?? '';
  const list = arr(spec.podCIDRs).filter((x): x is string => typeof x === 'string');
  if (single && (list.length === 0 || list[0] !== single)) return [single];
  return list;
}

/** ValidateNode minus metadata: taints, spec.podCIDRs. */
function validateNode(obj: KubeObject): FieldError[] {
  const spec = rec(obj.spec);
  const errs = validateNodeTaints(spec.taints, 'metadata.taints');
  const cidrs = effectivePodCIDRs(spec);
  const parsed = cidrs.map((c, i) => {
    const p = parseCIDRSloppy(c);
    if (!p) errs.push(invalid(`spec.podCIDRs[${i}]`, c, invalidCIDRDetail));
    return p;
  });
  if (cidrs.length > 1) {
    const v4 = parsed.some((p) => p && isIPv4Bytes(p.ip));
    const v6 = parsed.some((p) => p && !isIPv4Bytes(p.ip));
    if (!(v4 && v6) || cidrs.length > 2) {
      errs.push(invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(`spec.podCIDRs[${i}]`, c));
      seen.add(c);
    });
  }
  return errs;
}

/** ValidateNodeUpdate minus metadata. */
function validateNodeUpdate(n: KubeObject, o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(rec(n.status).addresses).forEach((raw, i) => {
    const a = rec(raw);
    const type = str(a.type) ?? '';
    const address = str(a.address) ?? '';
    const k = `${type}\u0000${address}`;
    if (seen.has(k)) {
      errs.push(duplicate(`status.addresses[${i}]`, goRendered(`core.NodeAddress{Type:${goQuote(type)}, Address:${goQuote(address)}}`, a)));
    }
    seen.add(k);
  });
  const ns = rec(n.spec);
  const os = rec(o.spec);
  const oldCIDRs = effectivePodCIDRs(os);
  const newCIDRs = effectivePodCIDRs(ns);
  if (oldCIDRs.length > 0 && (oldCIDRs.length !== newCIDRs.length || oldCIDRs.some((c, i) => c !== newCIDRs[i]))) {
    errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  const oldProvider = str(os.providerID) ?? '';
  if (oldProvider && oldProvider !== (str(ns.providerID) ?? '')) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateNodeTaints(ns.taints, 'metadata.taints'));
  if ((str(ns.externalID) ?? '') !== (str(os.externalID) ?? '')) errs.push(forbidden('spec.externalID', 'may not be updated'));
  return errs;
}

export const nodeRules: KindRules = {
  /**
   * The v1 podCIDR/podCIDRs round trip (Convert_v1_NodeSpec_To_core_NodeSpec and back: podCIDR is
   * podCIDRs[0]) and SetDefaults_NodeStatus (allocatable defaults to capacity). Addresses are kept as given.
   */
  default(obj) {
    const spec = recOf(obj.spec);
    if (spec) {
      const cidrs = effectivePodCIDRs(spec);
      if (cidrs.length > 0) {
        spec.podCIDR = cidrs[0];
        spec.podCIDRs = cidrs;
      }
    }
    const status = recOf(obj.status);
    if (status && recOf(status.capacity) && !recOf(status.allocatable)) status.allocatable = { ...rec(status.capacity) };
  },
  validate: (obj) => validateNode(obj),
  /** nodeStrategy.ValidateUpdate: ValidateNode(new) + ValidateNodeUpdate(new, old). */
  validateUpdate: (n, o) => dedupe([...validateNode(n), ...validateNodeUpdate(n, o)]),
};

// ---- EndpointSlice ----

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ZONE_HINTS = 8;

/** validation.IsFullyQualifiedDomainName */
function isFullyQualifiedDomainName(path: string, value: string): FieldError[] {
  if (!value) return [required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const msgs = isDNS1123Subdomain(name);
  if (msgs.length) return [invalid(path, name, msgs.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const m = isDNS1123Label(l);
    if (m.length) return [invalid(path, l, m.join(','))];
  }
  return [];
}

function validateAddress(addressType: string, address: string, path: string): FieldError[] {
  const ip = parseIPSloppy(address);
  switch (addressType) {
    case 'IPv4':
      return [...(ip && isIPv4Bytes(ip) ? [] : [invalid(path, address, 'must be a valid IPv4 address')]), ...validateNonSpecialIP(address, path)];
    case 'IPv6':
      return [...(ip && !isIPv4Bytes(ip) ? [] : [invalid(path, address, 'must be a valid IPv6 address')]), ...validateNonSpecialIP(address, path)];
    case 'FQDN':
      return isFullyQualifiedDomainName(path, address);
    default:
      return []; // unknown types fall through unvalidated upstream
  }
}

function validateEndpoints(endpoints: unknown, addressType: string): FieldError[] {
  const list = arr(endpoints);
  if (list.length > MAX_ENDPOINTS) return [tooMany('endpoints', list.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  list.forEach((raw, i) => {
    const ep = rec(raw);
    const p = `endpoints[${i}]`;
    const addresses = arr(ep.addresses);
    if (addresses.length === 0) errs.push(required(`${p}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(`${p}.addresses`, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => {
      if (typeof a === 'string') errs.push(...validateAddress(addressType, a, `${p}.addresses[${j}]`));
    });
    const nodeName = str(ep.nodeName);
    if (nodeName !== undefined) for (const m of isDNS1123Subdomain(nodeName)) errs.push(invalid(`${p}.nodeName`, nodeName, m));
    const hostname = str(ep.hostname);
    if (hostname !== undefined) for (const m of isDNS1123Label(hostname)) errs.push(invalid(`${p}.hostname`, hostname, m));
    const hints = recOf(ep.hints);
    if (hints) {
      const zones = arr(hints.forZones);
      if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(`${p}.hints.forZones`, zones.length, MAX_ZONE_HINTS));
      else {
        const seen = new Set<string>();
        zones.forEach((z, k) => {
          const zp = `${p}.hints.forZones[${k}].name`;
          const name = str(rec(z).name) ?? '';
          if (seen.has(name)) errs.push(duplicate(zp, name));
          else seen.add(name);
          for (const m of isValidLabelValue(name)) errs.push(invalid(zp, name, m));
        });
      }
    }
  });
  return errs;
}

function validatePorts(ports: unknown): FieldError[] {
  const list = arr(ports);
  if (list.length > MAX_PORTS) return [tooMany('ports', list.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const port = rec(raw);
    const p = `ports[${i}]`;
    const name = str(port.name) ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(invalid(`${p}.name`, name, m));
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    const proto = str(port.protocol);
    if (proto === undefined) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(`${p}.protocol`, proto, PROTOCOLS));
    const app = str(port.appProtocol);
    if (app !== undefined) for (const m of isQualifiedName(app)) errs.push(invalid(`${p}.appProtocol`, app, m));
  });
  return errs;
}

/** ValidateEndpointSlice minus metadata. */
function validateEndpointSlice(obj: KubeObject): FieldError[] {
  const addressType = str(obj.addressType) ?? '';
  const errs: FieldError[] = [];
  if (!addressType) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  errs.push(...validateEndpoints(obj.endpoints, addressType));
  errs.push(...validatePorts(obj.ports));
  return errs;
}

export const endpointSliceRules: KindRules = {
  /**
   * discovery/v1 SetDefaults_EndpointPort (name "", protocol TCP) and dropTopologyOnV1, which clears
   * endpoints[].deprecatedTopology on every v1 write before validation.
   */
  default(obj) {
    for (const raw of arr(obj.ports)) {
      const p = recOf(raw);
      if (!p) continue;
      if (p.name === undefined || p.name === null) p.name = '';
      if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
    }
    for (const raw of arr(obj.endpoints)) {
      const ep = recOf(raw);
      if (ep) delete ep.deprecatedTopology;
    }
  },
  validate: (obj) => validateEndpointSlice(obj),
  /** ValidateEndpointSliceUpdate: the create rules plus an immutable addressType. */
  validateUpdate(n, o) {
    const errs = validateEndpointSlice(n);
    const na = str(n.addressType) ?? '';
    if (na !== (str(o.addressType) ?? '')) errs.push(invalid('addressType', na, FIELD_IMMUTABLE_MSG));
    return errs;
  },
};

