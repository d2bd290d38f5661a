import { ask } from "~lib/messaging"
import { OptionsView } from "~lib/options/options-view"

export default function Options() {
  return <OptionsView ask={ask} />
}
