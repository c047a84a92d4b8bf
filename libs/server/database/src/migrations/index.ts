import { CreateWorkerHeartbeat1764300000000 } from './1764300000000-create-worker-heartbeat';

/** Every migration, oldest first. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [CreateWorkerHeartbeat1764300000000];
