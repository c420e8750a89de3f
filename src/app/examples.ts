// The built-in scenarios, bundled as raw text from examples/*.yaml.
import { EXAMPLE_SLUGS, EXAMPLE_TITLES, type ExampleSlug } from '../../examples/index';

const files = import.meta.glob('../../examples/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function exampleText(slug: ExampleSlug): string {
  return files[`../../examples/${slug}.yaml`];
}

export function isExampleSlug(s: string | null): s is ExampleSlug {
  return s !== null && (EXAMPLE_SLUGS as readonly string[]).includes(s);
}

export { EXAMPLE_SLUGS, EXAMPLE_TITLES, type ExampleSlug };
