import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { isDnsLabel } from '../targets/dnsLabel';

/** The required `environment` query parameter, a DNS label; InputError (400) otherwise. */
export function environmentParameter(req: Request): string {
  const environment = req.query.environment;
  if (typeof environment !== 'string' || environment === '') {
    throw new InputError(
      "query parameter environment is required, e.g. ?environment=prod (one of the entity's environments)",
    );
  }
  if (!isDnsLabel(environment)) {
    throw new InputError(
      `query parameter environment: "${environment}" is not a DNS label`,
    );
  }
  return environment;
}
