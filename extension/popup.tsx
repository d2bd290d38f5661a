import { ask } from "~lib/messaging"
import { PopupView } from "~lib/popup/popup-view"

export default function Popup() {
  return <PopupView ask={ask} />
}
