export * from './destructiveChanges';
export * from './storedSpecResponse';
