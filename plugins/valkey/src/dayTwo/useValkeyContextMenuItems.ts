import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { useInstanceActions } from './useInstanceActions';

/**
 * For apps on the legacy frontend system: "Change this instance" and "Retire
 * this instance" as `EntityLayout`'s `UNSTABLE_extraContextMenuItems`, e.g.
 * `<EntityLayout UNSTABLE_extraContextMenuItems={useValkeyContextMenuItems()}>`
 * on the entity page of Valkey resources.
 *
 * @public
 */
export function useValkeyContextMenuItems() {
  const { changeInstance, retireInstance } = useInstanceActions();
  return [
    { title: 'Change this instance', Icon: EditIcon, onClick: changeInstance },
    {
      title: 'Retire this instance',
      Icon: DeleteIcon,
      onClick: retireInstance,
    },
  ];
}
