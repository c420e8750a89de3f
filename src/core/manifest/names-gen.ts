// metadata.generateName: the apiserver appends utilrand.String(5) (names.SimpleNameGenerator).
import { randString } from '../model/hash';

export function generateSuffix(seed: number, key: string, ordinal: number): string {
  return randString(`${seed}/${key}/${ordinal}`, 5);
}
