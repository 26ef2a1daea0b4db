/** The English words of the participants list: they come with the element, not with every call (see `addWords`). */
export const words = {
  onePerson: '1 person',
  people: '{count} people',
  searchPeople: 'Search people',
  noMatch: 'No one matches',
  presentingState: 'Presenting',
  handUp: 'Hand raised',
};
