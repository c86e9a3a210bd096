export { useInstanceActions } from './useInstanceActions';
export { templateUrl, retireUrl } from './templateLinks';
export { useValkeyContextMenuItems } from './useValkeyContextMenuItems';
