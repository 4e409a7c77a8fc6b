import { KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { moveLayer, type EditorLayer } from './editorDocument.ts';

/** Drag and drop for the layer stack, by pointer, touch or keyboard, with what a screen reader hears at each step. */
export function useLayerReordering(layers: readonly EditorLayer[], setLayers: (next: readonly EditorLayer[]) => void) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const describe = (id: UniqueIdentifier) => {
    const index = layers.findIndex((l) => l.id === id);
    return index < 0 ? 'the layer' : `layer ${index + 1} (${layers[index]?.spec.type})`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    // Over its own place (right after pick-up) there is nothing new to say.
    onDragOver: ({ active, over }) =>
      over?.id === active.id ? undefined : over ? `${describe(active.id)} is over the place of ${describe(over.id)}.` : `${describe(active.id)} is outside the stack.`,
    onDragEnd: ({ active, over }) => (over ? `Dropped ${describe(active.id)} at the place of ${describe(over.id)}.` : `Dropped ${describe(active.id)}; nothing moved.`),
    onDragCancel: ({ active }) => `Cancelled: ${describe(active.id)} stays where it was.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = layers.findIndex((l) => l.id === active.id);
    const to = layers.findIndex((l) => l.id === over.id);
    if (from >= 0 && to >= 0) setLayers(moveLayer(layers, from, to));
  };

  return { sensors, announcements, onDragEnd };
}
