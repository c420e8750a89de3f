// Read-only tables of the nodes and Services the core computed (a stand-in until the diagram lands).
import type { StoredObject } from '../core';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

function portsOf(spec: Rec): string {
  return arr(spec.ports)
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol} → ${p.targetPort}`)
    .join(', ');
}

export function ObjectTables({ objects }: { objects: StoredObject[] }) {
  const nodes = objects.filter((o) => o.kind === 'Node');
  const services = objects.filter((o) => o.kind === 'Service');
  const others = objects.filter((o) => !o.system && o.kind !== 'Node' && o.kind !== 'Service');
  return (
    <>
      <h2>Nodes</h2>
      <table aria-label="Nodes">
        <thead>
          <tr><th>Name</th><th>InternalIP</th><th>Pod CIDR</th></tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const addr = arr(rec(n.object.status).addresses).find((a) => a.type === 'InternalIP');
            return (
              <tr key={n.key}>
                <td>{n.name}</td>
                <td>{String(addr?.address ?? '')}</td>
                <td>{String(rec(n.object.spec).podCIDR ?? '')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Services</h2>
      <table aria-label="Services">
        <thead>
          <tr><th>Namespace</th><th>Name</th><th>Type</th><th>ClusterIP</th><th>Ports</th></tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const spec = rec(s.object.spec);
            return (
              <tr key={s.key}>
                <td>{s.namespace}</td>
                <td>{s.name}</td>
                <td>{String(spec.type ?? '')}</td>
                <td>{String(spec.clusterIP ?? '')}</td>
                <td>{portsOf(spec)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Other objects</h2>
      <ul aria-label="Other objects">
        {others.map((o) => (
          <li key={o.key}>
            {o.kind} {o.namespace ? `${o.namespace}/` : ''}{o.name}
            {!o.simulated && ' (not simulated)'}
          </li>
        ))}
      </ul>
    </>
  );
}
