"""Building complete guides of any size for tests."""

from guides.models import GuideIndexPage, Material, MatterPage, Situation, SituationMaterial


def make_matter(code: str, *, materials: int, situations: int = 1) -> MatterPage:
    """A published guide with all 12 elements and ``materials`` lines per situation."""
    library = [
        Material.objects.get_or_create(
            name=f"测试材料{n}", defaults={"description": "说明", "source": "来源"}
        )[0]
        for n in range(materials)
    ]
    page = MatterPage(
        title=f"测试事项 {code}",
        slug=code.lower(),
        code=code,
        department="民政",
        audience="person",
        common_names="测试\n试一试",
        summary="用于测试的事项。",
        legal_basis=[("provision", {"title": "《测试条例》", "provision": "第一条"})],
        acceptance_criteria=[("criterion", "本省户籍居民。")],
        situation_question="您属于哪种情况？" if situations > 1 else "",
        process_steps=[("step", {"title": "申请", "description": "到综合窗口提交材料。"})],
        legal_time_limit_days=20,
        promised_time_limit_days=10,
        fee="不收费",
        result_name="审批结果通知",
        result_description="短信告知。",
        where_and_when="便民服务中心综合窗口。",
        enquiry="12345",
        complaint="12345",
        faq=[("qa", {"question": "要多久？", "answer": "10个工作日。"})],
        online_channel="江苏政务服务网",
        bookable=True,
        handling_minutes=15,
    )
    page.situations = [
        Situation(
            code=f"{code}-{s + 1:02d}",
            name=f"情形{s + 1}",
            sort_order=s,
            materials=[SituationMaterial(sort_order=i, material=m) for i, m in enumerate(library)],
        )
        for s in range(situations)
    ]
    page.live = False
    GuideIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
