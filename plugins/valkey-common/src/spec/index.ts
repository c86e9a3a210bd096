export * from './cron';
export * from './presets';
export * from './instanceSpec';
export * from './parseSpec';
export * from './jsonSchema';
export * from './uniqueNames';
export * from './storedSpec';
export * from './keyPrefix';
