import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  StatusProblem,
  StatusSection,
} from '@valkey-backstage/plugin-valkey-common';

const kindLabels: Record<StatusProblem['kind'], string> = {
  'no-permission': 'No permission',
  'auth-failed': 'Authentication failed',
  timeout: 'Timeout',
  unreachable: 'Unreachable',
  protocol: 'Unexpected reply',
  config: 'Configuration',
  unhealthy: 'Unhealthy',
};

/**
 * The problems that affect the given sections, shown where they apply so the
 * rest of the card stays readable.
 */
export const SectionProblems = (props: {
  problems: StatusProblem[];
  sections: StatusSection[];
}) => {
  const shown = props.problems.filter(p => props.sections.includes(p.section));
  if (shown.length === 0) return null;
  return (
    <Box my={1} data-testid={`problems-${props.sections.join('-')}`}>
      {shown.map((p, i) => (
        <Box key={i} mb={1}>
          <Alert severity={p.kind === 'unhealthy' ? 'warning' : 'error'}>
            <strong>{kindLabels[p.kind]}:</strong> {p.message}
          </Alert>
        </Box>
      ))}
    </Box>
  );
};
