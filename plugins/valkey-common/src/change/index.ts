export * from './destructiveChanges';
