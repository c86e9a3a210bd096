export * from './parseInfo';
export * from './nodeInfo';
export * from './parseClusterInfo';
export * from './parseClusterNodes';
export * from './parseClusterShards';
export * from './parseSentinel';
export * from './slotCoverage';
