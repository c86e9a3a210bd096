import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { InstanceEnvironments } from '@valkey-backstage/plugin-valkey-common';

/** Picks one of the environments the instance is deployed to; hidden when there is only one. */
export const EnvironmentSwitcher = (props: {
  environments: InstanceEnvironments['environments'];
  value: string;
  onChange(environment: string): void;
}) => {
  if (props.environments.length < 2) return null;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      aria-label="Environment"
      value={props.value}
      onChange={(_e, next) => next && props.onChange(next)}
    >
      {props.environments.map(env => (
        <ToggleButton
          key={env.name}
          value={env.name}
          disabled={!env.configured}
        >
          {env.configured ? env.name : `${env.name} (not configured)`}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};
