export * from './connectionFacts';
export * from './connectionSnippets';
export * from './parseConnectionAnnotation';
