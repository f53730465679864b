/** Writing the contexts: kept apart from home.ts so that reading them does not load the store. */
import { DocumentStore } from '../store/store.js';
import { configFile, defaultConfig, CONFIG_HINT, type ConfigDoc } from './home.js';

/** Read-modify-write of the contexts under their lock. */
export function updateConfig<R>(home: string, fn: (doc: ConfigDoc) => R): R {
  const store = new DocumentStore<ConfigDoc>(configFile(home), CONFIG_HINT);
  return store.transaction((tx) => {
    const r = fn(tx.data);
    tx.markDirty();
    return r;
  }, defaultConfig);
}
