export * from './destructiveChanges';
export * from './storedSpecResponse';
export * from './templateFormData';
