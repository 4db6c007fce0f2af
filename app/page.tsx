import { getEngine } from './_lib/engine';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  const pipelines = getEngine().registry.list();
  return (
    <main>
      <h1>Signalbox</h1>
      <p>Pipelines loaded:</p>
      <ul>
        {pipelines.map((p) => (
          <li key={p.id}>
            {p.title} ({p.id} v{p.version})
          </li>
        ))}
      </ul>
    </main>
  );
}
